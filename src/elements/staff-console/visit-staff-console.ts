import { defineElement } from '../../core/define.js';
import { StaffApprovalsPanel } from './approvals-panel.js';
import { StaffCallTile } from './call-tile.js';
import { StaffErasurePanel } from './erasure-panel.js';
import { StaffEnrolment } from './enrolment-dialog.js';
import { StaffPasskeyStep } from './passkey-step.js';
import { StaffLobbyCamera } from './lobby-camera.js';
import { StaffMonitorPanel } from './monitor-panel.js';
import { StaffPhonePanel } from './phone-panel.js';
import { StaffPlanningPanel } from './planning-panel.js';
import { StaffReviewPanel } from './review-panel.js';
import { VisitStaffConsole } from './staff-console.js';
import { StaffTodayPanel } from './today-panel.js';
import { StaffWaitingPanel } from './waiting-panel.js';

// The console's parts are elements of their own (used inside its shadow root only).
defineElement('visit-staff-today-panel', StaffTodayPanel);
defineElement('visit-staff-waiting-panel', StaffWaitingPanel);
defineElement('visit-staff-lobby-camera', StaffLobbyCamera);
defineElement('visit-staff-monitor-panel', StaffMonitorPanel);
defineElement('visit-staff-call-tile', StaffCallTile);
defineElement('visit-staff-approvals-panel', StaffApprovalsPanel);
defineElement('visit-staff-review-panel', StaffReviewPanel);
defineElement('visit-staff-planning-panel', StaffPlanningPanel);
defineElement('visit-staff-erasure-panel', StaffErasurePanel);
defineElement('visit-staff-phone-panel', StaffPhonePanel);
defineElement('visit-staff-passkey-step', StaffPasskeyStep);
defineElement('visit-staff-enrolment', StaffEnrolment);
defineElement('visit-staff-console', VisitStaffConsole);

declare global {
  interface HTMLElementTagNameMap {
    'visit-staff-console': VisitStaffConsole;
    'visit-staff-today-panel': StaffTodayPanel;
    'visit-staff-waiting-panel': StaffWaitingPanel;
    'visit-staff-lobby-camera': StaffLobbyCamera;
    'visit-staff-monitor-panel': StaffMonitorPanel;
    'visit-staff-call-tile': StaffCallTile;
    'visit-staff-approvals-panel': StaffApprovalsPanel;
    'visit-staff-review-panel': StaffReviewPanel;
    'visit-staff-planning-panel': StaffPlanningPanel;
    'visit-staff-erasure-panel': StaffErasurePanel;
    'visit-staff-phone-panel': StaffPhonePanel;
    'visit-staff-passkey-step': StaffPasskeyStep;
    'visit-staff-enrolment': StaffEnrolment;
  }
}

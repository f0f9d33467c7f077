import { defineElement } from '../../core/define.js';
import { VisitCall } from '../call/call.js';
import { VisitWaitingRoom } from './waiting-room.js';

defineElement('visit-call', VisitCall);
defineElement('visit-waiting-room', VisitWaitingRoom);

declare global {
  interface HTMLElementTagNameMap {
    'visit-waiting-room': VisitWaitingRoom;
  }
}

import { defineElement } from '../../core/define.js';
import { VisitWaitingRoom } from './waiting-room.js';

// <visit-call> registers itself when the waiting room loads it (after the device check starts).
defineElement('visit-waiting-room', VisitWaitingRoom);

declare global {
  interface HTMLElementTagNameMap {
    'visit-waiting-room': VisitWaitingRoom;
  }
}

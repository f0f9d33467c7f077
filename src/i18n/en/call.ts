import type { MessageTable } from '../types.js';

/** `<visit-waiting-room>` and `<visit-call>`. */
export const call = {
  // waiting room
  'waiting.title': 'Video visit with {name}',
  'waiting.titlePrisoner': 'Your video visit with {name}',
  'waiting.yourVisitor': 'your visitor',
  'waiting.when': '{date}, {start} to {end}',
  'waiting.signIn': 'Sign in to join your video visit.',
  'waiting.kioskNotPaired': 'This device is not set up for visits yet. Ask a member of staff.',
  'waiting.noVisit': 'Choose a video visit from your visits to join it.',
  'waiting.noVisitPrisoner': 'You have no video visits booked. Staff will tell you when one is booked.',
  'waiting.notVideo': 'This is not a video visit, so there is nothing to join online.',
  'waiting.notFound': 'We could not find that visit. Check the link, or choose the visit from your visits.',
  'waiting.opensAt': 'The waiting room opens at {time}. You can check your camera and microphone now.',
  'waiting.startsIn': 'Your visit starts in {duration}.',
  'waiting.started': 'Your visit time has started.',
  'waiting.joinWhenOpen': 'You can join when the waiting room opens.',
  'waiting.join': 'Join the waiting room',
  'waiting.readyPrisoner': 'I’m ready for my visit',
  'waiting.joinCall': 'Join the call',
  'waiting.joining': 'Joining…',
  'waiting.leaveQueue': 'Leave the waiting room',

  // live status
  'status.open': 'The waiting room is open.',
  'status.waiting': 'You are in the queue. An officer will check who you are shortly.',
  'status.checking': 'An officer is checking your identity. Please look at the camera.',
  'status.prisonerOnTheWay': '{name} has been told you are here and is on their way.',
  'status.prisonerReady': '{name} is ready and waiting for you.',
  'status.prisoner.notArrived': 'Your visitor has not arrived yet. Please stay near the screen.',
  'status.prisoner.ready': 'You are ready. The visit starts when staff let {name} in.',
  'status.prisoner.checking': 'Your visitor is in the waiting room. An officer is checking who they are.',
  'status.admitted': 'You have been let in. Connecting you to the call…',
  'status.admittedElsewhere': 'You have been let in to the call.',
  'status.lobbyCamera':
    'Staff can see your camera to check who you are. The person you are visiting cannot see or hear you yet.',
  'status.streamReconnecting': 'Reconnecting to the visits service… Your place in the queue is kept.',

  // device check
  'check.title': 'Check your camera, microphone and sound',
  'check.intro':
    'We will ask to use your camera and microphone. Nothing is recorded, and nobody sees you until you join.',
  'check.introPrisoner': 'Check that the camera and microphone work before your visit.',
  'check.start': 'Check my camera and microphone',
  'check.running': 'Checking your camera and microphone…',
  'check.again': 'Check again',
  'check.preview': 'Your camera (only you can see this)',
  'check.level': 'Microphone level',
  'check.speakHint': 'Say something: the bar moves when we can hear you.',
  'check.camera': 'Camera',
  'check.microphone': 'Microphone',
  'check.speaker': 'Sound',
  'check.network': 'Connection',
  'check.browser': 'Browser',
  'check.device.camera': 'camera',
  'check.device.microphone': 'microphone',
  'check.device.speaker': 'speaker',
  'check.status.ok': 'Working',
  'check.status.warning': 'Check this',
  'check.status.failed': 'Not working',
  'check.status.unknown': 'Not checked yet',
  'check.playTone': 'Play a test sound',
  'check.heardQuestion': 'Did you hear the sound?',
  'check.heardYes': 'Yes, I heard it',
  'check.heardNo': 'No, I did not',
  'check.speakerOk': 'Your sound is working.',
  'check.passed': 'Your camera and microphone are working.',
  'check.audioOnly': 'Your camera is not working, but you can still join with sound only.',
  'check.mustFixMicrophone': 'Your microphone must work before you can join the visit.',
  'check.fix.permission-denied':
    'Your browser is blocking the {device}. Select the camera icon or the padlock next to the web address, allow the camera and microphone, then select Check again.',
  'check.fix.system-denied':
    'Your device’s settings are blocking the {device}. Open your device’s privacy settings, allow this browser to use the camera and microphone, then select Check again.',
  'check.fix.no-device':
    'We could not find a {device}. Connect one, or use a phone or tablet that has one, then select Check again.',
  'check.fix.in-use':
    'Another app is using your {device}. Close other video call apps and browser tabs, then select Check again.',
  'check.fix.device-not-found':
    'The {device} you chose is not connected any more. Connect it or choose another one, then select Check again.',
  'check.fix.unsupported':
    'This browser cannot make video calls. Use an up-to-date Chrome, Edge, Firefox or Safari.',
  'check.fix.insecure-context':
    'This page is not secure (its address must start with https), so the browser blocks the camera. Tell the website’s owner.',
  'check.fix.no-signal':
    'We cannot hear anything from your microphone. Check it is not muted and is the one you want to use.',
  'check.fix.speaker':
    'Turn the volume up and check your headphones or speaker are connected, then play the sound again.',
  'check.fix.unreachable':
    'We could not reach the video service. Check your internet connection. Some work or school networks block video calls.',
  'check.fix.slow':
    'Your connection is slow, so the picture may freeze. Move closer to your Wi-Fi router, or choose to use less data.',
  'check.fix.autoplay-blocked': 'Your browser did not play the sound. Select Play a test sound again.',
  'check.fix.token-invalid':
    'The video service did not accept this visit’s pass. Reload the page and try again.',
  'check.fix.unknown':
    'Something went wrong with your {device}. Restart your browser, then select Check again.',

  // rules
  'rules.title': 'Agree to the visit rules',
  'rules.intro': 'Staff can end the visit if these rules are broken.',
  'rules.visitor.1': 'Everyone who appears on camera must be on the booking.',
  'rules.visitor.2': 'Do not record, photograph, screenshot or stream the visit.',
  'rules.visitor.3': 'Prison staff can see and hear the visit.',
  'rules.visitor.4': 'Keep your face in view of the camera, and show the room if staff ask you to.',
  'rules.visitor.5': 'Do not pass on messages for, or show anything from, anyone else.',
  'rules.prisoner.1': 'Prison staff can see and hear the visit.',
  'rules.prisoner.2': 'Stay in view of the camera for the whole visit.',
  'rules.prisoner.3': 'The visit ends on its own at the end time.',
  'rules.agree': 'I agree to the visit rules',
  'waiting.errorPrefix': 'Error:',
  'rules.agreeError': 'Agree to the visit rules to join',

  // data saver
  'dataSaver.title': 'Choose how much data to use',
  'dataSaver.legend': 'How much data the visit uses',
  'dataSaver.hint':
    'Estimates for a {minutes}-minute visit. Wi-Fi does not usually count towards a data allowance.',
  'dataSaver.mode.normal': 'Normal video',
  'dataSaver.mode.low-video': 'Low-quality video',
  'dataSaver.mode.audio-only': 'Sound only, no video',
  'dataSaver.estimate': 'about {mb} MB',

  // call: what the join sequence and the call's link announce (src/elements/shared/call-link.ts); the call's
  // own screen is in call-screen.ts
  'call.noVisit': 'This call has no visit to join.',
  'call.remoteDropped':
    '{name}’s connection dropped. The visit carries on when they reconnect, and the time lost is added back.',
  'call.minutesLeft': {
    one: '{count} minute left in your visit',
    other: '{count} minutes left in your visit',
  },
  'call.credited': '{duration} added to your visit for the connection problem.',
  'call.reconnecting': 'The connection dropped. Reconnecting… Please stay on this page.',
  'call.reconnected': 'Reconnected.',
  'call.audioBlocked': 'Tap to turn on sound',

  // end screens
  'end.nextTitle': 'What happens next',
  'end.reasonLabel': 'Reason:',
  'end.noteLabel': 'Note from staff:',
  'end.credited': 'We added {duration} to this visit for connection problems.',
  'end.rejoin': 'Join again',
  'end.book': 'Book another visit',
  'end.time-up.title': 'Your visit has finished',
  'end.time-up.body': 'The visit time is up.',
  'end.time-up.next': 'You can book another visit from your visits page.',
  'end.time-up.nextPrisoner': 'Staff will tell you about your next visit.',
  'end.ended-by-staff.title': 'Prison staff ended the visit',
  'end.ended-by-staff.body': 'The visit was ended before its end time.',
  'end.ended-by-staff.next':
    'If you think this was a mistake, contact the prison. Unless the prison tells you otherwise, you can book another visit.',
  'end.ended-by-staff.nextPrisoner': 'Speak to an officer if you have questions.',
  'end.connection-lost.title': 'The connection was lost',
  'end.connection-lost.body': 'We could not reconnect the call.',
  'end.connection-lost.next':
    'If there is still time, join again. Time lost to connection problems is added back to your visit automatically, up to a limit; if you lost more, contact the prison to rebook.',
  'end.connection-lost.nextPrisoner':
    'If there is still time, staff can reconnect you. Lost time is added back automatically.',
  'end.left.title': 'You left the visit',
  'end.left.body': 'You are no longer in the call.',
  'end.left.next': 'You can join again while the visit time lasts.',
  'end.left.nextPrisoner': 'Speak to an officer if you want to rejoin.',
  'end.duplicate-identity.title': 'The visit opened somewhere else',
  'end.duplicate-identity.body': 'You joined this visit from another tab or device, so this one was closed.',
  'end.duplicate-identity.next': 'Carry on in the other tab or device, or join again here.',
  'end.duplicate-identity.nextPrisoner': 'Speak to an officer.',
  'end.denied.title': 'You were not let in to this visit',
  'end.denied.body': 'Prison staff did not let you in to the call.',
  'end.denied.next':
    'Contact the prison if you have questions. Unless the prison tells you otherwise, you can book another visit.',
  'end.denied.nextPrisoner': 'Speak to an officer if you have questions.',
  'end.denied.prisonerTitle': 'The visit cannot go ahead',
  'end.denied.prisonerBody': 'Staff did not let your visitor in to the call.',
  'end.staffReason.behaviour': 'behaviour during the visit',
  'end.staffReason.security': 'a security concern',
  'end.staffReason.technical': 'a technical problem',
  'end.staffReason.requested': 'someone asked for the visit to end',
  'end.staffReason.other': 'another reason',
  'end.denyReason.identity-not-confirmed': 'staff could not confirm who you are',
  'end.denyReason.not-on-booking': 'someone on camera is not on the booking',
  'end.denyReason.behaviour': 'behaviour in the waiting room',
  'end.denyReason.technical': 'a technical problem',
  'end.denyReason.other': 'another reason',
} satisfies MessageTable;

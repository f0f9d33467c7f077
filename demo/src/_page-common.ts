// What every demo page's script does besides registering elements: the demo sign-in bar, and GOV.UK-style
// titles ("Error: " while a form shows errors).
import { wireDemoSignIn } from './_demo-session.js';

wireDemoSignIn();

// GOV.UK pages start their title with "Error: " while a form shows errors: the booking journey says when
// (visit-validation-error), and a new screen (visit-step-change) means the errors are gone.
const title = document.title;
const errorPrefix = document.documentElement.lang === 'cy' ? 'Gwall' : 'Error';
document.addEventListener('visit-validation-error', () => {
  document.title = `${errorPrefix}: ${title}`;
});
document.addEventListener('visit-step-change', () => {
  document.title = title;
});

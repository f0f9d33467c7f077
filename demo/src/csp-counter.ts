// Counts Content-Security-Policy violations on the page and shows the number (the demo check reads it too).
let count = 0;
document.addEventListener('securitypolicyviolation', (event) => {
  count += 1;
  const output = document.querySelector('[data-csp-violations]');
  if (output) output.textContent = String(count);
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});

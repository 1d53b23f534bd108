// Marks JavaScript support for the NHS.UK design system's CSS and components.
// The nhsuk-frontend page template runs this inline at the top of <body>; our
// Content-Security-Policy forbids inline scripts, so load this file first
// thing in <body> with a plain (classic, not deferred) <script src>.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');

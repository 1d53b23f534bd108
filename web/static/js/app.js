// Workframe's own module: starts the NHS.UK design system components and our enhancements.
// Load with <script type="module" src="/static/js/app.js"></script> at the
// end of <body>. Pages work without it; this only enhances them.
import { initAll } from '../vendor/nhsuk-frontend.min.js'
import { initProfileForms } from './profile-form.js'
import { initCompetencePickers } from './competence-picker.js'

initAll()
initProfileForms()
initCompetencePickers()

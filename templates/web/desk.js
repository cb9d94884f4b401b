// desk.js - optional: the desk works without script. With it, govuk-frontend's components
// (error summary focus, buttons that cannot be pressed twice) start.
import { initAll } from '/assets/govuk-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
initAll()

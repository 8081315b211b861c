// MonEspace pages, progressive enhancement only: every page works without it.
// Loaded as a module (deferred) by template.ftl.

const live = document.getElementById('me-live')

// Polite announcement through the layout's shared live region. Clearing first
// makes a repeated message be spoken again.
function announce(text) {
  if (!live || !text) return
  live.textContent = ''
  window.setTimeout(() => {
    live.textContent = text
  }, 50)
}

// 1. Show / hide password (buttons rendered hidden by monespace.ftl).
document.querySelectorAll('button[data-me-toggle]').forEach((button) => {
  const input = document.getElementById(button.dataset.meToggle)
  const label = button.querySelector('[data-me-toggle-text]')
  if (!input || !label) return
  button.hidden = false
  button.addEventListener('click', () => {
    const reveal = input.type === 'password'
    input.type = reveal ? 'text' : 'password'
    label.textContent = reveal ? button.dataset.labelHide : button.dataset.labelShow
    announce(reveal ? button.dataset.statusShown : button.dataset.statusHidden)
  })
  // Never let the browser submit (or remember) a password typed in clear.
  if (input.form) {
    input.form.addEventListener('submit', () => {
      input.type = 'password'
      label.textContent = button.dataset.labelShow
    })
  }
})

// 2. One POST per form: a second click while the first request is on its way
// is ignored (disabling the button would drop its name/value from the POST,
// which "Renvoyer le code" / "Retour" buttons rely on).
document.querySelectorAll('form[data-me-form]').forEach((form) => {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitting === 'true') {
      event.preventDefault()
      return
    }
    form.dataset.submitting = 'true'
    form.setAttribute('aria-busy', 'true')
  })
})
// Back/forward cache: a restored page must be usable again.
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return
  document.querySelectorAll('form[data-me-form]').forEach((form) => {
    delete form.dataset.submitting
    form.removeAttribute('aria-busy')
  })
})

// 3. After a server-side refusal, put the keyboard on the first field in error:
// its label, error text and hint are then read together.
const firstInvalid = document.querySelector('main [aria-invalid="true"]')
if (firstInvalid && !document.querySelector('main [autofocus]')) {
  firstInvalid.focus()
}

// Binds every [data-me-strength] block rendered by the FreeMarker macros
// (monespace.ftl: passwordField strength=true / strengthIndicator) to its
// password input. Markup contract, all attributes set by the template:
//
//   <div data-me-strength data-for="INPUT_ID" hidden
//        data-policy-length="12" data-policy-max-length="0" data-policy-digits="1"
//        data-policy-lower-case="1" data-policy-upper-case="1" data-policy-special-chars="1"
//        data-policy-not-username="true" data-policy-not-email="true"
//        data-username="…"            (optional: value compared by notUsername)
//        data-email="…"               (optional: fixed e-mail compared by notEmail)
//        data-email-field="FIELD_ID"  (optional: the e-mail is typed in that field)
//        data-label-weak="Faible" data-label-medium="Moyen" data-label-strong="Fort">
//     <p id="…"><span data-me-strength-prefix>Sécurité du mot de passe :</span>
//        <strong data-me-strength-level>Faible</strong></p>
//     <p class="me-sr-only" aria-live="polite" aria-atomic="true" data-me-strength-live></p>
//   </div>
//
// The block stays hidden without JavaScript (it could not be truthful then).
import { assess, LEVELS, policyFromDataset } from './policy.js'

// Visible text follows typing closely; the screen-reader announcement waits
// until typing pauses, and only speaks when the level actually changed.
const RENDER_DELAY_MS = 120
const ANNOUNCE_DELAY_MS = 1000

const ENGINE_URL = new URL('./password-strength-engine.js', import.meta.url).href
let engine = null
let enginePromise = null
const waiting = new Set()

function loadEngine() {
  if (!enginePromise) {
    enginePromise = import(ENGINE_URL)
      .then((mod) => {
        engine = mod.createEngine()
        for (const refresh of waiting) refresh()
        waiting.clear()
        return engine
      })
      .catch((err) => {
        // Stay on the safe side (Faible for everything) and allow a retry.
        enginePromise = null
        console.warn('password-strength: scoring engine unavailable', err)
      })
  }
  return enginePromise
}

function bind(box) {
  const input = document.getElementById(box.dataset.for || '')
  const levelEl = box.querySelector('[data-me-strength-level]')
  const liveEl = box.querySelector('[data-me-strength-live]')
  const prefixEl = box.querySelector('[data-me-strength-prefix]')
  if (!input || !levelEl || !liveEl) return

  const labels = {
    [LEVELS.WEAK]: box.dataset.labelWeak || 'Faible',
    [LEVELS.MEDIUM]: box.dataset.labelMedium || 'Moyen',
    [LEVELS.STRONG]: box.dataset.labelStrong || 'Fort',
  }
  const prefix = prefixEl ? prefixEl.textContent.trim() : ''
  const policy = policyFromDataset(box.dataset)
  const emailField = box.dataset.emailField ? document.getElementById(box.dataset.emailField) : null

  const context = () => ({
    username: (box.dataset.username || '').trim(),
    email: (emailField ? emailField.value : box.dataset.email || '').trim(),
  })

  let lastAnnounced = null
  let renderTimer = 0
  let announceTimer = 0

  function render() {
    const result = assess(input.value, policy, context(), engine)
    box.dataset.level = result.level
    box.dataset.pending = result.pending ? 'true' : 'false'
    if (levelEl.textContent !== labels[result.level]) levelEl.textContent = labels[result.level]
    return result.level
  }

  function announceLater() {
    clearTimeout(announceTimer)
    announceTimer = setTimeout(() => {
      const level = box.dataset.level
      if (input.value === '' || level === lastAnnounced) return
      lastAnnounced = level
      liveEl.textContent = `${prefix} ${labels[level]}`.trim()
    }, ANNOUNCE_DELAY_MS)
  }

  function onChange() {
    // Still typing: whatever was about to be announced is already stale.
    clearTimeout(announceTimer)
    clearTimeout(renderTimer)
    renderTimer = setTimeout(() => {
      render()
      announceLater()
    }, RENDER_DELAY_MS)
  }

  input.addEventListener('input', onChange)
  // notEmail depends on the e-mail typed elsewhere on the page.
  if (emailField) emailField.addEventListener('input', onChange)
  // Fetch the engine as soon as the doctor shows intent to type a password.
  input.addEventListener('focus', loadEngine, { once: true })

  waiting.add(() => {
    box.dataset.engine = 'ready'
    onChange()
  })
  box.hidden = false
  render()
  // Autofilled or restored value, or a field already focused (a page shown again with its error:
  // monespace.js focuses it before this module runs, so no focus event will come): load now.
  if (input.value || document.activeElement === input) loadEngine()
}

document.querySelectorAll('[data-me-strength]').forEach(bind)

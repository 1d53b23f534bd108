// The competence picker of the role form. Without JavaScript each requirement row has a select
// listing every competence, grouped by framework version. This turns it into a search box (an
// ARIA 1.2 combobox with a listbox): type a code ("C1", "HWB5") or words from the title, choose
// with the arrow keys and Enter, or with a click. The select stays in the form, hidden, and holds
// the choice, so what is submitted is the same with or without JavaScript. Choosing a
// competence also narrows the row's level select to the levels of that competence's framework.

const MAX_SHOWN = 50

let counter = 0

export function initCompetencePickers (root = document) {
  for (const select of root.querySelectorAll('select[data-wf-competence-picker]')) {
    if (!select.dataset.wfEnhanced) enhance(select)
  }
}

// frameworkOf returns the framework part ("key version", query-escaped) of an option's value.
function frameworkOf (value) {
  return value.split(' ').slice(0, 2).join(' ')
}

function enhance (select) {
  select.dataset.wfEnhanced = 'true'
  const id = select.id
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`)
  const levelSelect = select.dataset.wfLevel ? document.getElementById(select.dataset.wfLevel) : null
  const options = []
  for (const option of select.querySelectorAll('option')) {
    if (!option.value) continue
    const group = option.parentElement.tagName === 'OPTGROUP' ? option.parentElement.label : ''
    options.push({ value: option.value, text: option.textContent.trim(), group, search: `${option.textContent} ${group}`.toLowerCase() })
  }

  const wrapper = document.createElement('div')
  wrapper.className = 'wf-picker'
  const input = document.createElement('input')
  input.type = 'text'
  input.id = `${id}-search`
  input.className = 'nhsuk-input wf-picker__input'
  input.autocomplete = 'off'
  input.spellcheck = false
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  const list = document.createElement('ul')
  list.id = `${id}-options`
  list.className = 'wf-picker__list'
  list.setAttribute('role', 'listbox')
  list.hidden = true
  input.setAttribute('aria-controls', list.id)
  const hint = document.createElement('div')
  hint.id = `${id}-picker-hint`
  hint.className = 'nhsuk-hint wf-picker__hint'
  hint.textContent = 'Type a code or words from the competence, then choose it from the list.'
  const chosen = document.createElement('p')
  chosen.className = 'nhsuk-body-s wf-picker__chosen'
  const status = document.createElement('div')
  status.className = 'nhsuk-u-visually-hidden'
  status.setAttribute('role', 'status')

  if (label) {
    if (!label.id) label.id = `${id}-label`
    label.htmlFor = input.id
    list.setAttribute('aria-labelledby', label.id)
  } else {
    list.setAttribute('aria-label', 'Competences')
  }
  const described = [hint.id, select.getAttribute('aria-describedby')].filter(Boolean).join(' ')
  input.setAttribute('aria-describedby', described)
  if (select.classList.contains('nhsuk-select--error')) input.classList.add('nhsuk-input--error')

  select.hidden = true
  // The error summary links to the field: now the search box.
  for (const link of document.querySelectorAll(`.nhsuk-error-summary a[href="#${CSS.escape(id)}"]`)) {
    link.setAttribute('href', `#${input.id}`)
  }
  select.insertAdjacentElement('beforebegin', hint)
  wrapper.append(input, list, status)
  select.insertAdjacentElement('afterend', wrapper)
  wrapper.insertAdjacentElement('afterend', chosen)

  let shown = []
  let active = -1
  let enterChose = false

  const current = () => options.find(o => o.value === select.value)

  const showChosen = () => {
    const o = current()
    chosen.textContent = o ? `From ${o.group}` : ''
    chosen.hidden = !o
  }

  const narrowLevels = () => {
    if (!levelSelect) return
    const framework = select.value ? frameworkOf(select.value) : ''
    for (const group of levelSelect.querySelectorAll('optgroup')) {
      const mine = !framework || group.dataset.wfFramework === framework
      group.hidden = !mine
      group.disabled = !mine
    }
    const level = levelSelect.value
    if (level && framework && frameworkOf(level) !== framework) levelSelect.value = ''
  }

  const close = () => {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  const highlight = (i) => {
    active = i
    list.querySelectorAll('[role=option]').forEach((li, j) => {
      li.classList.toggle('wf-picker__option--active', j === i)
      li.setAttribute('aria-selected', j === i ? 'true' : 'false')
    })
    if (i >= 0) {
      const li = list.children[i]
      input.setAttribute('aria-activedescendant', li.id)
      li.scrollIntoView({ block: 'nearest' })
    } else {
      input.removeAttribute('aria-activedescendant')
    }
  }

  const choose = (o) => {
    select.value = o ? o.value : ''
    input.value = o ? o.text : ''
    select.dispatchEvent(new Event('change', { bubbles: true }))
    close()
    showChosen()
    narrowLevels()
  }

  const open = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    shown = options.filter(o => words.every(w => o.search.includes(w)))
    const total = shown.length
    shown = shown.slice(0, MAX_SHOWN)
    list.replaceChildren()
    counter++
    shown.forEach((o, i) => {
      const li = document.createElement('li')
      li.id = `${id}-option-${counter}-${i}`
      li.className = 'wf-picker__option'
      li.setAttribute('role', 'option')
      li.setAttribute('aria-selected', 'false')
      li.textContent = o.text
      const group = document.createElement('span')
      group.className = 'wf-picker__group'
      group.textContent = o.group
      li.append(group)
      // mousedown, not click: it comes before the input loses focus.
      li.addEventListener('mousedown', (event) => { event.preventDefault(); choose(o) })
      list.append(li)
    })
    list.hidden = shown.length === 0
    input.setAttribute('aria-expanded', shown.length ? 'true' : 'false')
    active = -1
    if (total === 0) status.textContent = 'No competences match.'
    else if (total > MAX_SHOWN) status.textContent = `${total} competences match; the first ${MAX_SHOWN} are listed. Type more to narrow them.`
    else status.textContent = `${total} ${total === 1 ? 'competence matches' : 'competences match'}.`
  }

  input.addEventListener('input', () => {
    if (input.value.trim() === '') {
      select.value = ''
      showChosen()
      narrowLevels()
    }
    open()
  })
  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (list.hidden) open()
        if (shown.length) highlight(Math.min(active + 1, shown.length - 1))
        break
      case 'ArrowUp':
        event.preventDefault()
        if (shown.length) highlight(Math.max(active - 1, 0))
        break
      case 'Enter':
        // While the list is open, Enter chooses (the highlighted match, or the only one) and
        // never submits the form.
        if (!list.hidden) {
          event.preventDefault()
          enterChose = true
          if (active >= 0) choose(shown[active])
          else if (shown.length === 1) choose(shown[0])
        }
        break
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault()
          close()
        }
        break
    }
  })
  // Browsers submit a form on the keypress of Enter; some (and synthetic key events) send it
  // even when its keydown was handled, so the keypress that follows a choice is stopped too.
  input.addEventListener('keypress', (event) => {
    if (event.key === 'Enter' && enterChose) event.preventDefault()
    enterChose = false
  })
  input.addEventListener('keyup', () => { enterChose = false })
  input.addEventListener('blur', () => {
    close()
    // Words that name exactly one competence choose it; anything else goes back to the choice.
    const typed = input.value.trim().toLowerCase()
    if (typed === '') return
    const exact = options.filter(o => o.text.toLowerCase() === typed)
    if (exact.length === 1) {
      choose(exact[0])
      return
    }
    const o = current()
    input.value = o ? o.text : input.value
  })

  const o = current()
  input.value = o ? o.text : ''
  showChosen()
  narrowLevels()
}

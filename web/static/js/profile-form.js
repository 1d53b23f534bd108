// The running total of a profile form: as the person types, the total so far and what is left
// are announced in the form's live region. Without JavaScript the "Check my shares" button
// asks the server for the same figures.
export function initProfileForms (root = document) {
  for (const form of root.querySelectorAll('form[data-wf-profile-form]')) {
    const target = Number(form.dataset.wfTarget) || 100
    const output = form.querySelector('[data-wf-total]')
    const inputs = form.querySelectorAll('input[data-wf-share]')
    if (!output || inputs.length === 0) continue
    const update = () => {
      let total = 0
      let unreadable = false
      for (const input of inputs) {
        const text = input.value.trim().replace(/%$/, '')
        if (text === '') continue
        if (!/^\d+$/.test(text)) { unreadable = true; continue }
        total += Number(text)
      }
      const left = target - total
      let message = `Total so far: ${total}% of ${target}%.`
      if (unreadable) message += ' Some shares are not whole numbers.'
      else if (left > 0) message += ` ${left}% left to share.`
      else if (left < 0) message += ` ${-left}% too much.`
      else message += ' You can save the profile.'
      output.textContent = message
    }
    // The preview sits beside the form, in the same page section.
    const preview = (form.closest('.wf-form-with-chart') || root).querySelector('[data-wf-chart-preview]')
    let timer
    // The chart is drawn by the server, as on the profile page, from the form as it stands.
    const redraw = async () => {
      if (!preview) return
      const response = await fetch('/profiles/preview', { method: 'POST', body: new URLSearchParams(new FormData(form)) })
      if (response.status !== 200) { preview.hidden = true; return }
      preview.innerHTML = await response.text()
      preview.hidden = false
    }
    form.addEventListener('input', (event) => {
      if (event.target.matches('input[data-wf-share]')) update()
      clearTimeout(timer)
      timer = setTimeout(redraw, 400)
    })
    form.addEventListener('change', () => { clearTimeout(timer); timer = setTimeout(redraw, 400) })
    update()
    redraw()
  }
}

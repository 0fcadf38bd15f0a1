() => ({
  pwned: Number(window.__pwned || 0),
  live: document.querySelectorAll('[kitpwn]').length,
  shown: !!document.documentElement
         && document.documentElement.outerHTML.includes('pwned'),
})

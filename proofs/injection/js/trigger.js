() => {
  const proto = (value) => {
    try { return new URL(value, document.baseURI).protocol; } catch (e) { return ''; }
  };
  const hrefOf = (a) => {
    const h = a.href;
    if (h && typeof h === 'object' && 'baseVal' in h) return h.baseVal;
    return a.getAttribute('href') ?? a.getAttribute('xlink:href');
  };
  window.addEventListener('click', (e) => {
    const a = e.target && e.target.closest ? e.target.closest('a, area') : null;
    if (!a) return;
    const h = hrefOf(a);
    if (h === null || h.startsWith('#')) return;
    if (proto(h) !== 'javascript:') e.preventDefault();
  }, true);
  window.addEventListener('submit', (e) => {
    const f = e.target;
    const via = e.submitter && e.submitter.getAttribute('formaction');
    if (proto(via || f.getAttribute('action') || '') !== 'javascript:') {
      e.preventDefault();
    }
  }, true);
  let clicks = 0, handlers = 0;
  const all = Array.from(document.querySelectorAll('*')).slice(0, 60000);
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      if (!attr.name.startsWith('on')) continue;
      try { el.dispatchEvent(new Event(attr.name.slice(2))); handlers++; } catch (e) {}
    }
  }
  document.querySelectorAll('details').forEach((d) => { d.open = !d.open; });
  const clickable = 'a, area, button, summary, label, input[type=submit], ' +
                    'input[type=button], input[type=image]';
  document.querySelectorAll(clickable).forEach((el) => {
    try {
      el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
      clicks++;
    } catch (e) {}
  });
  document.querySelectorAll('input, textarea, select, [tabindex]').forEach((el) => {
    try { el.focus(); } catch (e) {}
  });
  return {clicks, handlers};
}

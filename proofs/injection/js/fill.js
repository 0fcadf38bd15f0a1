(parts) => {
  for (const [kind, value] of parts) {
    const box = document.createElement('div');
    box.className = 'widget-' + kind;
    if (kind === 'html') box.innerHTML = value; else box.textContent = value;
    document.body.appendChild(box);
  }
}

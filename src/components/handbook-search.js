/* The handbook's search in the header (HandbookSearch.astro): Pagefind's index, read in the browser. */
for (const opener of document.querySelectorAll('.search-open')) {
  const dialog = opener.parentElement.querySelector('.search-dialog');
  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    dialog.querySelector('input').select();
  };
  opener.hidden = false;
  opener.addEventListener('click', open);
  // A click on the backdrop (the dialog element itself, outside its box) closes it, and so does
  // Escape at once: in a search field Chromium's first Escape would only clear the query.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    dialog.close();
  });
  // "/" opens the search, as on GitHub and in Starlight, unless the reader is typing somewhere.
  document.addEventListener('keydown', (event) => {
    const typing =
      event.target instanceof HTMLElement &&
      (event.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName));
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
}

for (const box of document.querySelectorAll('.handbook-search')) {
  const form = box.querySelector('form');
  const input = box.querySelector('input');
  const status = box.querySelector('.search-status');
  const list = box.querySelector('.search-results');
  const { base = '/', lang = 'en', noResults = '', searching = '', unavailable = '' } = box.dataset;
  const counts = JSON.parse(box.dataset.results || '{}');
  const plural = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang);
  let pagefind;
  let latest = 0;

  const load = () =>
    (pagefind ??= import(`${base}pagefind/pagefind.js`).then(async (module) => {
      await module.options({ baseUrl: base });
      return module;
    }));

  const run = async () => {
    const query = input.value.trim();
    const mine = ++latest;
    if (!query) {
      status.textContent = '';
      list.replaceChildren();
      return;
    }
    status.textContent = searching;
    let found;
    let results;
    try {
      found = await (await load()).search(query);
      results = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    } catch {
      // No index (npm run dev builds none) or it could not be loaded: say so instead of "Searching…".
      pagefind = undefined;
      if (mine === latest) status.textContent = unavailable;
      return;
    }
    if (mine !== latest) return;
    list.replaceChildren(
      ...results.map((result) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = result.url;
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement('p');
        // Pagefind escapes the page text and marks the matches with <mark>.
        excerpt.innerHTML = result.excerpt;
        item.append(link);
        // A post's result says it is a post and when it goes out; a handbook page's needs no such line.
        if (result.meta.context) {
          const context = document.createElement('span');
          context.className = 'search-context';
          context.textContent = result.meta.context;
          item.append(context);
        }
        item.append(excerpt);
        return item;
      }),
    );
    const count = found.results.length;
    status.textContent =
      count === 0
        ? noResults
        : (counts[plural.select(count)] ?? counts.other ?? '').replace('{count}', number.format(count));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
}

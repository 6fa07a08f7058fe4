import { defineHastPlugin } from 'satteri';

/**
 * GitHub-flavoured task lists (`- [ ] Book the hall`) become a disabled checkbox before the item's
 * text, with nothing that names the checkbox: axe reports each one as a critical `label` violation
 * and a screen reader announces "checkbox, not checked" with no clue what for. Each checkbox is
 * named by its item's own text (WAI-ARIA 1.2, accessible name from aria-label), so it reads
 * "Book the hall, checkbox, not checked".
 */
export const labelTaskLists = defineHastPlugin({
  name: 'herald-label-task-lists',
  element: {
    filter: ['input'],
    visit(node, ctx) {
      if (node.properties['type'] !== 'checkbox' || node.properties['ariaLabel'] !== undefined) return;
      const item = ctx.parent(node);
      if (item.type !== 'element' || item.tagName !== 'li') return;
      const name = ctx.textContent(item).replace(/\s+/g, ' ').trim();
      if (name) ctx.setProperty(node, 'ariaLabel', name);
    },
  },
});

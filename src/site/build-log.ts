/**
 * Which of the bundler's messages a build prints. Astro compiles each handbook page (MDX) with its
 * own module-level directive, "use astro:head-inject"; rolldown warns on every one of them that the
 * directive may not survive bundling, ten boxes per build that say nothing about the content and
 * that Astro handles itself. Those alone are dropped; every other message is printed.
 */
export function printable(log: { code?: string; message: string }): boolean {
  return !(log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"'));
}

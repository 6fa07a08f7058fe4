/**
 * The one substitution Herald's templates (templates/) use: `{{name}}` is replaced by the value of
 * `name`. Nothing else: no conditions, no loops; what varies in shape is computed in code and given
 * as a value. When a placeholder stands alone on its line, every line of a multi-line value gets
 * that line's indentation, so a block lands where the template puts it in YAML. `${{ ... }}`, GitHub's
 * expressions in the workflows, are left alone.
 */
const placeholder = /(?<!\$)\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g;

export function fillPlaceholders(template: string, values: Readonly<Record<string, string>>, file: string): string {
  return template
    .split('\n')
    .map((line) => {
      const alone = /^(\s*)\{\{([A-Za-z][A-Za-z0-9]*)\}\}\s*$/.exec(line);
      if (alone)
        return valueOf(alone[2]!, values, file)
          .split('\n')
          .map((part) => (part ? `${alone[1]}${part}` : part))
          .join('\n');
      return line.replace(placeholder, (_, name: string) => valueOf(name, values, file));
    })
    .join('\n');
}

function valueOf(name: string, values: Readonly<Record<string, string>>, file: string): string {
  // A template and the code filling it ship together: a name without a value is Herald's own mistake.
  if (!Object.hasOwn(values, name)) throw new Error(`Template ${file} uses {{${name}}}, which Herald does not fill.`);
  return values[name]!;
}

import { SETTING_GROUPS, settingsMeta, type SettingMeta } from './config';

// `.env.example` and the README's settings table, written from the settings' schema in
// config.ts (npm run settings:docs); a test fails when the committed files differ from these.

export const README_TABLE_START = '<!-- settings table: written by `npm run settings:docs` from src/config.ts -->';
export const README_TABLE_END = '<!-- end of settings table -->';

type Setting = ReturnType<typeof settingsMeta>[number];

/** The description with what the schema adds: the allowed range and older names. Markdown. */
function meaning(setting: SettingMeta): string {
  let text = setting.description;
  if (setting.range) text += `; range ${setting.range.min}–${setting.range.max}`;
  for (const alias of setting.aliases ?? []) text += `; \`${alias}\` is its older name`;
  return text;
}

function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`/g, '');
}

function comment(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

export function renderEnvExample(settings: Setting[] = settingsMeta()): string {
  const out = [
    '# Stakeholder Register settings. Copy to .env (read at start-up) or set in the environment.',
    '# Every setting is optional; the value shown is the default, and an empty value means the default.',
    '# Written by `npm run settings:docs` from src/config.ts: change the descriptions there.',
  ];
  for (const [group, title] of Object.entries(SETTING_GROUPS)) {
    out.push('', `# ---- ${title}`);
    for (const setting of settings.filter((s) => s.group === group)) {
      const note = setting.defaultNote ? ` Default: ${setting.default || 'none'} (${setting.defaultNote}).` : '';
      out.push(...comment(plain(`${meaning(setting)}.${note}`)), `${setting.name}=${setting.default}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderSettingsTable(settings: Setting[] = settingsMeta()): string {
  const rows = settings.map((setting) => {
    const value = setting.default ? `\`${setting.default}\`` : 'none';
    const cell = setting.defaultNote ? `${value} (${setting.defaultNote})` : value;
    return `| \`${setting.name}\` | ${cell} | ${meaning(setting).replace(/\|/g, '\\|')} |`;
  });
  return [README_TABLE_START, '| setting | default | meaning |', '|---|---|---|', ...rows, README_TABLE_END].join('\n');
}

/** The README with its settings table replaced by the rendered one. */
export function withSettingsTable(readme: string, table = renderSettingsTable()): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no settings table between "${README_TABLE_START}" and "${README_TABLE_END}"`);
  return readme.slice(0, start) + table + readme.slice(end + README_TABLE_END.length);
}

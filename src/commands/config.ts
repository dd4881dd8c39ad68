import fs from 'node:fs';
import type { Context } from './context.js';
import { DEFAULTS, configPath, settingDefault, type SettingName } from '../config.js';

/** `papers config`: each setting's value and where it came from (flag, env, config.yaml or default). */
export async function run(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const env = ctx.streams.env;
  const file = configPath(env);
  const db = await ctx.dbPath();
  const color = ctx.globals.colorFrom === 'cli' ? { value: ctx.globals.color ?? 'auto', from: '--color' } : await settingDefault('color', env);
  const settings: Record<SettingName, { value: string; from: string }> = {
    db,
    format: (await settingDefault('format', env)) ?? { value: DEFAULTS.format, from: 'default' },
    color: color ?? { value: DEFAULTS.color, from: 'default' },
    limit: (await settingDefault('limit', env)) ?? { value: DEFAULTS.limit, from: 'default' },
  };
  const exists = fs.existsSync(file);
  if (opts.json) {
    ctx.out.write(`${JSON.stringify({ config_file: file, config_file_exists: exists, settings }, null, 2)}\n`);
    return;
  }
  const s = ctx.out.style;
  const lines = Object.entries(settings).map(([k, v]) => `${k.padEnd(7)} ${v.value}  ${s.dim(`(${v.from})`)}`);
  lines.push(s.dim(`config file: ${file}${exists ? '' : ' (none yet)'}`));
  ctx.out.write(`${lines.join('\n')}\n`);
}

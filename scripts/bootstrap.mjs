// Installs what is missing before `npm start` / `npm test`, using only Node built-ins (it runs
// before node_modules exists). `--browser` also makes sure Debian's chromium is there.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args, env = process.env) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`bootstrap: '${cmd} ${args.join(' ')}' failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
};

// npm writes node_modules/.package-lock.json after package-lock.json on every install, so an
// older hidden lockfile means the dependencies changed since the last install.
const hidden = 'node_modules/.package-lock.json';
if (!existsSync(hidden) || statSync(hidden).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('bootstrap: installing dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
} else {
  console.log('bootstrap: node_modules up to date');
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium)) {
    console.log(`bootstrap: chromium present (${chromium})`);
  } else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('bootstrap: installing Debian chromium (apt-get)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], env);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
  } else {
    console.error(`bootstrap: ${chromium} is missing. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

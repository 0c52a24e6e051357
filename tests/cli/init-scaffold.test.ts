import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { blockFor, SCAFFOLD_FILES } from '../../cli/init/scaffold.js';
import { PACKAGE_JSON, runCli, TempProjects } from './support.js';

const skillDir = fileURLToPath(new URL('../../skills/backend-developer/', import.meta.url));
const projects = new TempProjects('many-first-init-scaffold-');
afterEach(() => projects.removeAll());

const init = (cwd: string, ...args: string[]) => runCli(['init', ...args], cwd);
const withSrc = { ...PACKAGE_JSON, 'src/app/page.tsx': 'export default function Page() { return null; }\n' };

/** The code the skill gives for `file`, as init --scaffold must write it. */
function skillBlock(file: string): string {
  const { reference } = SCAFFOLD_FILES.find((entry) => entry.file === file)!;
  const code = blockFor(readFileSync(join(skillDir, reference), 'utf8'), file);
  expect(code, `${reference} gives ${file}`).toBeDefined();
  return code!;
}

describe('many-first init --scaffold', () => {
  it('writes nothing of the app without the flag', async () => {
    const dir = projects.create(withSrc);
    expect((await init(dir)).code).toBe(0);
    expect(existsSync(join(dir, 'src/lib/db'))).toBe(false);
  });

  it("writes the database client and shared columns from the skill's own blocks, once", async () => {
    const dir = projects.create(withSrc);
    const first = await init(dir, '--scaffold');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created\s+src\/lib\/db\/index\.ts \(the database client\)/);
    for (const file of ['src/lib/db/index.ts', 'src/lib/db/columns.ts']) {
      expect(readFileSync(join(dir, file), 'utf8')).toBe(skillBlock(file));
    }
    expect(skillBlock('src/lib/db/index.ts')).toContain('export const db = drizzle(');
    const second = await init(dir, '--scaffold');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change');
  });

  it('writes under lib/ in a project without src/, where its @/ alias points', async () => {
    const dir = projects.create({
      ...PACKAGE_JSON,
      'app/page.tsx': 'export default function Page() { return null; }\n',
    });
    expect((await init(dir, '--scaffold')).code).toBe(0);
    expect(readFileSync(join(dir, 'lib/db/index.ts'), 'utf8')).toBe(skillBlock('src/lib/db/index.ts'));
    expect(existsSync(join(dir, 'src'))).toBe(false);
  });

  it('leaves out the database client when the project has one elsewhere', async () => {
    const dir = projects.create({
      ...withSrc,
      'server/db.ts':
        "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle('postgres://localhost/app');\n",
    });
    expect((await init(dir, '--scaffold')).code).toBe(0);
    expect(existsSync(join(dir, 'src/lib/db/index.ts'))).toBe(false);
    expect(existsSync(join(dir, 'src/lib/db/columns.ts'))).toBe(true);
  });

  it('keeps a file that differs unless --force', async () => {
    const dir = projects.create({ ...withSrc, 'src/lib/db/columns.ts': 'export const timestamps = {};\n' });
    const kept = await init(dir, '--scaffold');
    expect(kept.code).toBe(1);
    expect(kept.stdout).toContain('differs: src/lib/db/columns.ts');
    expect(readFileSync(join(dir, 'src/lib/db/columns.ts'), 'utf8')).toBe('export const timestamps = {};\n');
    expect((await init(dir, '--scaffold', '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'src/lib/db/columns.ts'), 'utf8')).toBe(
      skillBlock('src/lib/db/columns.ts'),
    );
  });
});

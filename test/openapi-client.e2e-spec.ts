import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import request from 'supertest';
import ts from 'typescript';
import { ApiKeysService } from '../src/modules/users/index.js';
import { makeTempDir } from './setup/test-postgres.js';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** Where the generated client and the programs typed by it are left, for a person to look at. */
const OUTPUT = resolve('test-output/openapi-client');
const PROGRAM = resolve('docs/examples/openapi-client.ts');

/**
 * What a frontend developer writes against the generated types, beyond the example program: each
 * line is one way the document used to let ordinary code down (issue 14). A wrong type fails to
 * compile here.
 */
const TYPE_CHECKS = `
import type { components, operations, paths } from './api.js';
type S = components['schemas'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type OptionalText = string | null | undefined;

export type NullableStrings = [
  Assert<Same<S['UpdateMeDto']['name'], OptionalText>>,
  Assert<Same<S['UpdateMeDto']['image'], OptionalText>>,
  Assert<Same<S['CreateCourseDto']['thumbnail'], OptionalText>>,
  Assert<Same<S['CreateCourseDto']['instructor'], OptionalText>>,
  Assert<Same<S['UpdateCourseDto']['thumbnail'], OptionalText>>,
  Assert<Same<S['CreateTopicDto']['moduleId'], OptionalText>>,
  Assert<Same<S['UpdateTopicDto']['moduleId'], OptionalText>>,
  Assert<Same<S['CreateClassDto']['description'], OptionalText>>,
  Assert<Same<S['UpdateClassDto']['videoUrl'], OptionalText>>,
  Assert<Same<S['UpdateClassDto']['textContent'], OptionalText>>,
  Assert<Same<S['UpdateClassDto']['contestUrl'], OptionalText>>,
];

// A PATCH sends only what changes: nothing is required, contentType included.
type PatchClass = NonNullable<paths['/courses/{courseId}/classes/{classId}']['patch']['requestBody']>;
export const justTheTitle: PatchClass['content']['application/json'] = { title: 'Renamed' };
export const nothingAtAll: S['UpdateModuleDto'] = {};
// Creating a class may leave contentType out (video).
export const aVideo: S['CreateClassDto'] = { title: 'Intro', duration: 60, videoUrl: 'https://v.example/1' };

// Each report's filters are its own, not a bare object.
export type Filters = [
  Assert<Same<S['TopClassesReportDto']['filters'], { courseId?: string; limit: number }>>,
  Assert<Same<S['SessionDurationsReportDto']['filters'], { platform?: 'web' | 'mobile'; utmSource?: string }>>,
  Assert<Same<S['PageViewsReportDto']['filters'], { limit: number; groupBy: 'page' | 'pageType' }>>,
  Assert<Same<S['EnrolmentsReportDto']['filters'], { courseId?: string }>>,
  Assert<Same<S['ActiveUsersReportDto']['filters'], Record<string, never>>>,
];

// An error's details: the fields a request got wrong, or an object of context.
export type Details = Assert<
  Same<S['ErrorResponseDto']['details'], S['FieldProblemDto'][] | { [key: string]: unknown } | undefined>
>;

// A report as CSV is text, not the JSON report.
type TopClasses = paths['/analytics/reports/content/top-classes']['get'];
export type Csv = Assert<Same<TopClasses['responses'][200]['content']['text/csv'], string>>;
export type Json = Assert<Same<TopClasses['responses'][200]['content']['application/json'], S['TopClassesReportDto']>>;

// operationIds that read as what they do.
export type Operations = [
  operations['listCourses'],
  operations['getCourseOutline'],
  operations['sendHeartbeat'],
  operations['getTopClassesReport'],
  operations['verifyOtp'],
];
`;

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema & { format?: string };
}
interface Document {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components: { schemas: Record<string, Schema> };
}

/** Every place in the document where an object has no shape at all (`Record<string, never>` in a client). */
function shapelessObjects(doc: Document): string[] {
  const found: string[] = [];
  const visit = (schema: unknown, where: string): void => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema)) return schema.forEach((s, i) => visit(s, `${where}[${i}]`));
    const s = schema as Schema & Record<string, unknown>;
    if (
      s.type === 'object' &&
      !s.properties &&
      s.additionalProperties === undefined &&
      !s.allOf &&
      !s.oneOf &&
      !s.anyOf &&
      !s.$ref
    )
      found.push(where);
    for (const [key, value] of Object.entries(s)) if (key !== 'example') visit(value, `${where}.${key}`);
  };
  visit(doc.paths, 'paths');
  visit(doc.components.schemas, 'components.schemas');
  return found;
}

/** A type-check as a frontend project has it: strict, against the generated types. */
function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.slice(OUTPUT.length + 1)}:${line + 1}: ${text}`;
  });
}

/** The login code of the newest mail to `email` in the outbox (one .eml file a mail). */
async function loginCode(outbox: string, email: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const file of (await readdir(outbox)).sort().reverse()) {
      const mail = await readFile(join(outbox, file), 'utf8');
      const code = mail.includes(`To: ${email}`) ? /login code is (\d{6})/.exec(mail)?.[1] : undefined;
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no login code for ${email} in ${outbox}`);
}

describe('a typed client generated from /docs-json (openapi-typescript)', () => {
  let t: TestApp;
  let outbox: Awaited<ReturnType<typeof makeTempDir>>;
  let api: string;
  let doc: Document;
  let apiKey: string;
  const email = `frontend-${Date.now()}@example.com`;

  beforeAll(async () => {
    outbox = await makeTempDir('cp-client-outbox-');
    t = await createTestApp({ OUTBOX_DIR: outbox.path, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const staff = await createUserWithTokens(t, 'staff');
    const course = await createCourseFixture(t, staff.auth);
    const learner = await createUserWithTokens(t, 'student', email);
    await request(t.http)
      .post(`/courses/${course.courseId}/access`)
      .set(staff.auth)
      .send({ userId: learner.user.id })
      .expect(201);
    const admin = await createUserWithTokens(t, 'admin');
    ({ key: apiKey } = await t.app
      .get(ApiKeysService)
      .create(
        { name: 'client test', scopes: ['reports:read'] },
        { id: admin.user.id, email: admin.user.email },
      ));
    doc = (await request(t.http).get('/docs-json').expect(200)).body as Document;
    await rm(OUTPUT, { recursive: true, force: true });
    await mkdir(OUTPUT, { recursive: true });
    const ast = await openapiTS(doc as unknown as OpenAPI3);
    await writeFile(join(OUTPUT, 'api.d.ts'), astToString(ast));
    await copyFile(PROGRAM, join(OUTPUT, 'openapi-client.ts'));
    await writeFile(join(OUTPUT, 'type-checks.ts'), TYPE_CHECKS);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await outbox.remove();
  });

  it('gives every object a shape, dates and integers their formats, and names a server', () => {
    expect(shapelessObjects(doc)).toEqual([]);
    const parameters = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        (op.parameters ?? []).map((p) => ({ at: `${method} ${path} ${p.name}`, ...p })),
      ),
    );
    const typeOf = (names: string[]) =>
      parameters
        .filter((p) => p.in === 'query' && names.includes(p.name))
        .map((p) => ({ at: p.at, type: p.schema?.type, format: p.schema?.format }));
    const dates = typeOf(['from', 'to']);
    const integers = typeOf(['page', 'pageSize', 'limit']);
    expect(dates.length).toBeGreaterThan(30);
    expect(integers.length).toBeGreaterThan(5);
    expect(dates).toEqual(dates.map((p) => ({ ...p, type: 'string', format: 'date' })));
    expect(integers).toEqual(integers.map((p) => ({ ...p, type: 'integer', format: undefined })));
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('type-checks the example program and what frontend code expects of the types', async () => {
    const generated = await readFile(join(OUTPUT, 'api.d.ts'), 'utf8');
    expect(generated).toContain('"/courses/{courseId}/classes/{classId}"');
    expect(typeCheck([join(OUTPUT, 'openapi-client.ts'), join(OUTPUT, 'type-checks.ts')])).toEqual([]);
  }, 60_000);

  it('runs the program against the app: logs in, lists courses, sends a heartbeat, downloads a CSV report with an API key', async () => {
    const { outputText } = ts.transpileModule(await readFile(join(OUTPUT, 'openapi-client.ts'), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const script = join(OUTPUT, 'openapi-client.js');
    await writeFile(script, outputText);
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH, API: api, EMAIL: email, API_KEY: apiKey },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let asked = false;
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!asked && out.includes('Login code from the e-mail: ')) {
        asked = true;
        void loginCode(outbox.path, email).then(
          (code) => child.stdin.end(`${code}\n`),
          () => child.kill(),
        );
      }
    });
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('refused: ') });
    expect(out).toContain(`logged in as ${email} (student)`);
    expect(out).toContain('name: Ann Lee');
    expect(out).toMatch(/^courses: [1-9]\d*$/m);
    expect(out).toMatch(/^outline: Course \d+, \d+ classes, thumbnail none$/m);
    expect(out).toContain('heartbeat: 15 s watched, resume at 15 s');
    expect(out).toMatch(/^report: \d+ rows, filters \{"courseId":"\w+","limit":10\}$/m);
    expect(out).toContain(
      'csv: classId,classTitle,courseId,contentType,views,starts,completions,completionRate',
    );
    expect(out).toContain('refused: 400 validation_failed: Invalid request: from (from)');
  }, 60_000);
});

import { ComponentLoader } from 'adminjs';
import { fileURLToPath } from 'node:url';

/**
 * The back office's React components (./components). Each file `kebab-name.tsx` is registered as
 * `KebabName`: `scripts/build-admin-bundle.mjs` bundles them by the same rule at build time, and
 * the app serves that bundle; nothing is bundled at runtime. Files starting with `_` are helpers.
 * (ComponentLoader checks that each file exists: the `.tsx` under src, the compiled `.js` in dist.)
 */
const dir = fileURLToPath(new URL('./components/', import.meta.url));

export const componentLoader = new ComponentLoader();

const add = (name: string, file: string) => componentLoader.add(name, `${dir}${file}`);

export const Components = {
  Dashboard: add('Dashboard', 'dashboard'),
  JsonEdit: add('JsonEdit', 'json-edit'),
  JsonShow: add('JsonShow', 'json-show'),
  MarkdownEdit: add('MarkdownEdit', 'markdown-edit'),
  MarkdownShow: add('MarkdownShow', 'markdown-show'),
  ContentFieldEdit: add('ContentFieldEdit', 'content-field-edit'),
  CourseOutline: add('CourseOutline', 'course-outline'),
  CourseAccessAction: add('CourseAccessAction', 'course-access-action'),
  RollupPage: add('RollupPage', 'rollup-page'),
  ApiKeyCreate: add('ApiKeyCreate', 'api-key-create'),
  // Replaces AdminJS's user menu: logout is a POST (see the component).
  LoggedIn: componentLoader.override('LoggedIn', `${dir}logged-in`),
} as const;

/** The component names the bundle must contain (checked against its manifest at startup). */
export const COMPONENT_NAMES: readonly string[] = Object.values(Components);

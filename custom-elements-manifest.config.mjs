// The custom elements manifest (dist/public/embed/v1/custom-elements.json), generated from the
// components' JSDoc by `node scripts/build-widgets.mjs`: attributes and properties from
// `static properties`, events from @fires, parts from @csspart, custom properties from @cssprop.

/** Keeps a manifest to the public surface: internal `_` members and private state stay out. */
function publicSurfaceOnly() {
  const isInternal = (x) => x.name?.startsWith('_') || x.fieldName?.startsWith('_') || x.privacy === 'private';
  return {
    name: 'open-wbl-public-surface-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (decl.members) decl.members = decl.members.filter((m) => !isInternal(m));
          if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !isInternal(a));
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/messages.ts', 'components/**/*.messages.ts', 'components/**/define.ts'],
  outdir: 'dist/public/embed/v1',
  litelement: true,
  quiet: true,
  plugins: [publicSurfaceOnly()],
};

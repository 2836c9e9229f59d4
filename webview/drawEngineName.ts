/** The global the engine's script (drawEngine.ts, built by esbuild.mjs under this name) defines for the panel. */
export const DRAW_ENGINE_GLOBAL = 'dropoutDrawEngine';

// The catalogue: every choice the playground offers (random streams, variants, modes, framework
// presets, classic mistakes), each with its id, label, detail and constants, defined once. The
// commands' quick picks, the panel's controls, the mistakes view and the status bar read from here.
export * from './entry';
export * from './frameworks';
export * from './mistakes';
export * from './modes';
export * from './rngs';
export * from './variants';

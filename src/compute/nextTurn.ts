// A later turn of the event loop, on every host the compute side runs on: Node's setImmediate where
// it exists; elsewhere (a browser's Web Worker, the web extension host) a MessageChannel message,
// which, unlike setTimeout(0), browsers do not clamp to 4 ms once calls nest.

type Callback = () => void;

/** A browser's MessageChannel (Node's has another shape, and is not used). */
interface Channel {
  port1: { onmessage: (() => void) | null };
  port2: { postMessage(message: null): void };
}

const immediate = (globalThis as { setImmediate?: (callback: Callback) => unknown }).setImmediate;

function channelTurns(): (callback: Callback) => void {
  const queue: Callback[] = [];
  const channel = new MessageChannel() as unknown as Channel;
  channel.port1.onmessage = () => queue.shift()?.();
  return (callback) => {
    queue.push(callback);
    channel.port2.postMessage(null);
  };
}

/** Runs `callback` on a later turn, after the messages and timers already waiting. */
export const nextTurn: (callback: Callback) => void = immediate ? (callback) => void immediate(callback) : channelTurns();

/** What a bench server child tells its parent over IPC. */
export type ServerMessage =
  | { type: 'ready'; port: number }
  /** Answer to 'sample' and to 'stop': listener calls and user + system CPU, both counted since start. */
  | { type: 'sample' | 'stopped'; handled: number; cpuMicros: number };

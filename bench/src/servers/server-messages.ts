/** What a bench server child tells its parent over IPC. */
export type ServerMessage = { type: 'ready'; port: number } | { type: 'stopped'; handled: number; cpuMicros: number };

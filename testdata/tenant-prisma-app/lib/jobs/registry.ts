import { purgeDoneTasks } from "./archive";

// Jobs by name, for a queue worker that runs whatever it is sent.
export const JOBS = { purgeDoneTasks };

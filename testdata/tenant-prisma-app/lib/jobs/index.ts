// The jobs' public face: the cron route imports from here.
export { archiveStaleProjects } from "./archive";

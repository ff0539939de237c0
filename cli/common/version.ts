/** The CLI ships with the agent and the dashboard and carries their version (version.test.ts keeps them equal). */
export const CLI_VERSION = '0.1.0';

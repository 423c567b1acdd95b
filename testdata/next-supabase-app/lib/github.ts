import { Octokit } from "@octokit/rest";

// Imports issues from the TaskNest org into boards.
const octokit = new Octokit({
  auth: "ghp_8CbSMUAB5MaLWvK22LXt5iAoHYO8tSRWGEEP", // expect: secrets/hardcoded-credential
  userAgent: "tasknest-importer/1.0",
});

export async function listOpenIssues(owner: string, repo: string) {
  const { data } = await octokit.issues.listForRepo({ owner, repo, state: "open", per_page: 50 });
  return data.map((issue) => ({ id: issue.id, title: issue.title, url: issue.html_url }));
}

import os

import httpx

GITHUB_TOKEN = "ghp_9l4jfo5wN6AuC3zWxu2NMA3mjrvOQYekBa7b"  # expect: secrets/hardcoded-credential
GITHUB_CLIENT_SECRET = os.getenv("GITHUB_CLIENT_SECRET", "")  # ok: secrets/hardcoded-credential
CHANGELOG_REPO = "acme-invoicing/changelog"


def latest_releases(limit: int = 5) -> list[dict]:
    resp = httpx.get(
        f"https://api.github.com/repos/{CHANGELOG_REPO}/releases",
        headers={
            "Authorization": f"Bearer {GITHUB_TOKEN}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        },
        params={"per_page": limit},
        timeout=10,
        verify=True,  # ok: auth/tls-verification-disabled
    )
    resp.raise_for_status()
    return [{"tag": r["tag_name"], "name": r["name"], "body": r["body"]} for r in resp.json()]

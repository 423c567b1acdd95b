//! The project index across files: imports resolved through tsconfig aliases, Python
//! packages and Rust modules; the call graph; request handlers with the prefixes and
//! middleware other files give them. And `shipsafe routes` on the fixture apps, pinned.

mod common;
use common::project;
use std::path::Path;

use shipsafe::engine::{ScanOptions, project_index, scan};
use shipsafe::index::project::{DefId, Endpoint};

fn endpoints(dir: &Path) -> (Vec<Endpoint>, shipsafe::engine::Report) {
    let report = scan(&ScanOptions {
        paths: vec![dir.to_path_buf()],
        index: true,
        ..Default::default()
    })
    .expect("scan");
    let ix = project_index(&report);
    (ix.endpoints(), report)
}

fn find<'e>(eps: &'e [Endpoint], method: &str, path: &str) -> &'e Endpoint {
    eps.iter()
        .find(|e| e.method == method && e.path == path)
        .unwrap_or_else(|| {
            let all: Vec<String> = eps
                .iter()
                .map(|e| format!("{} {}", e.method, e.path))
                .collect();
            panic!("no {method} {path} among {all:?}")
        })
}

fn def(file: &str, name: &str) -> DefId {
    DefId {
        file: file.into(),
        name: name.into(),
    }
}

#[test]
fn typescript_aliases_reexports_calls_and_express_mounts() {
    let dir = project(&[
        (
            "tsconfig.json",
            "{\n  // aliases\n  \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./src/*\"] }, },\n}\n",
        ),
        (
            "src/lib/auth.ts",
            "export function requireUser(req) { return req.user; }\nexport const requireAdmin = (req) => requireUser(req).admin;\n",
        ),
        ("src/lib/index.ts", "export * from './auth';\n"),
        (
            "src/routes/projects.ts",
            "import { Router } from 'express';\nimport { requireUser } from '@/lib';\nconst router = Router();\nrouter.get('/:id', requireUser, async (req, res) => { res.json({}); });\nrouter.post('/', (req, res) => { requireUser(req); res.send(); });\nexport default router;\n",
        ),
        (
            "src/server.ts",
            "import express from 'express';\nimport projects from './routes/projects';\nimport * as auth from '@/lib/auth';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.use(helmet());\napp.use('/api/projects', rateLimit, projects);\napp.get('/admin', (req, res) => { auth.requireAdmin(req); });\n",
        ),
        (
            "src/client.ts",
            "export async function save(api, payload) { return api.post('/users', payload); }\n",
        ),
    ]);
    let (eps, report) = endpoints(dir.path());
    let ix = project_index(&report);
    // through the alias, the barrel file and its `export *`
    assert_eq!(
        ix.definition("src/routes/projects.ts", "requireUser"),
        Some(def("src/lib/auth.ts", "requireUser"))
    );
    // a namespace import's member
    assert_eq!(
        ix.callee("src/server.ts", None, "auth.requireAdmin"),
        Some(def("src/lib/auth.ts", "requireAdmin"))
    );
    // callers across files, with the calling function
    let callers = ix.callers(&def("src/lib/auth.ts", "requireUser"));
    let mut sites: Vec<(String, Option<String>, usize)> = callers
        .iter()
        .map(|c| (c.file.clone(), c.caller.clone(), c.line))
        .collect();
    sites.sort();
    assert_eq!(
        sites,
        [
            ("src/lib/auth.ts".into(), Some("requireAdmin".into()), 2),
            ("src/routes/projects.ts".into(), Some(String::new()), 5),
        ]
    );
    // the router's routes under the prefix it is mounted at, behind the app's
    // middleware registered before the mount and the route's own
    let get = find(&eps, "GET", "/api/projects/:id");
    assert_eq!(get.middleware, ["helmet()", "rateLimit", "requireUser"]);
    assert_eq!(get.file, "src/routes/projects.ts");
    find(&eps, "POST", "/api/projects/");
    // registered before `app.use(helmet())`: not behind it
    assert!(find(&eps, "GET", "/health").middleware.is_empty());
    assert_eq!(find(&eps, "GET", "/admin").middleware, ["helmet()"]);
    // an HTTP client's `api.post("/users", payload)` is not a route
    assert!(!eps.iter().any(|e| e.path == "/users"), "{eps:?}");
}

#[test]
fn next_supabase_fastapi_django_and_axum_routes() {
    let dir = project(&[
        (
            "web/middleware.ts",
            "export function middleware(req) {}\nexport const config = { matcher: ['/dashboard/:path*', '/api/:path*'] };\n",
        ),
        (
            "web/app/(app)/api/items/[id]/route.ts",
            "export async function GET(req, { params }) { return Response.json({}); }\nasync function remove() {}\nexport { remove as DELETE };\n",
        ),
        (
            "web/app/actions.ts",
            "'use server';\nexport async function rename(id, name) {}\n",
        ),
        (
            "web/pages/api/hello.ts",
            "export default function handler(req, res) {}\n",
        ),
        (
            "supabase/config.toml",
            "[functions.stripe-webhook]\nverify_jwt = false\n",
        ),
        (
            "supabase/functions/stripe-webhook/index.ts",
            "Deno.serve(async (req) => new Response('ok'));\n",
        ),
        (
            "supabase/functions/chat/index.ts",
            "import { serve } from 'https://deno.land/std/http/server.ts';\nserve(handler);\nasync function handler(req) { return new Response(''); }\n",
        ),
        (
            "backend/app/api/deps.py",
            "from typing import Annotated\nfrom fastapi import Depends\ndef get_current_user(): ...\nCurrentUser = Annotated[dict, Depends(get_current_user)]\n",
        ),
        (
            "backend/app/api/routes/items.py",
            "from fastapi import APIRouter\nfrom app.api.deps import CurrentUser\nrouter = APIRouter(prefix=\"/items\")\n\n@router.get(\"/{id}\")\ndef read_item(id: int, user: CurrentUser):\n    return {}\n",
        ),
        (
            "backend/app/main.py",
            "from fastapi import FastAPI\nfrom app.api.routes import items\napp = FastAPI()\napp.include_router(items.router, prefix=\"/api/v1\")\n",
        ),
        (
            "site/site/urls.py",
            "from django.urls import include, path\nurlpatterns = [path(\"billing/\", include(\"billing.urls\"))]\n",
        ),
        (
            "site/billing/urls.py",
            "from django.urls import path\nfrom . import views\nurlpatterns = [path(\"invoices/<int:pk>/\", views.InvoiceView.as_view())]\n",
        ),
        (
            "site/billing/views.py",
            "from django.contrib.auth.mixins import LoginRequiredMixin\nfrom django.views import View\nclass InvoiceView(LoginRequiredMixin, View):\n    def get(self, request, pk):\n        return None\n",
        ),
        ("site/billing/__init__.py", ""),
        (
            "api/src/main.rs",
            "mod routes;\nfn app() -> Router {\n    Router::new()\n        .nest(\"/api\", routes::router())\n        .layer(middleware::from_fn(require_session))\n}\n",
        ),
        (
            "api/src/routes.rs",
            "pub fn router() -> Router {\n    Router::new().route(\"/posts\", get(list).post(create))\n}\nasync fn list(State(s): State<App>) {}\nasync fn create(user: AuthUser, Json(b): Json<Post>) {}\n",
        ),
    ]);
    let (eps, _) = endpoints(dir.path());
    let get = find(&eps, "GET", "/api/items/[id]");
    assert_eq!(get.middleware, ["web/middleware.ts (Next.js middleware)"]);
    assert_eq!(
        find(&eps, "DELETE", "/api/items/[id]").handler,
        Some(def("web/app/(app)/api/items/[id]/route.ts", "remove"))
    );
    assert_eq!(
        find(&eps, "ACTION", "").handler,
        Some(def("web/app/actions.ts", "rename"))
    );
    // the matcher does not cover /hello... it covers /api/:path*
    assert_eq!(
        find(&eps, "ANY", "/api/hello").middleware,
        ["web/middleware.ts (Next.js middleware)"]
    );
    assert_eq!(
        find(&eps, "ANY", "/functions/v1/stripe-webhook").middleware,
        ["no gateway JWT check (verify_jwt = false)"]
    );
    let chat = find(&eps, "ANY", "/functions/v1/chat");
    assert_eq!(chat.middleware, ["Supabase gateway JWT check"]);
    assert_eq!(
        chat.handler,
        Some(def("supabase/functions/chat/index.ts", "handler"))
    );
    // router prefix + include_router prefix, the dependency behind a type alias
    let item = find(&eps, "GET", "/api/v1/items/{id}");
    assert_eq!(item.middleware, ["Depends(get_current_user)"]);
    // Django include prefix and the view's mixins
    let invoice = find(&eps, "ANY", "/billing/invoices/<int:pk>/");
    assert_eq!(invoice.middleware, ["LoginRequiredMixin", "View"]);
    // axum: nested under /api, the outer layer in front, the handler's own extractor
    assert_eq!(
        find(&eps, "GET", "/api/posts").middleware,
        ["middleware::from_fn(require_session)"]
    );
    assert_eq!(
        find(&eps, "POST", "/api/posts").middleware,
        ["middleware::from_fn(require_session)", "AuthUser"]
    );
}

/// `shipsafe routes` on the fixture apps, pinned: a change in what the index sees shows
/// up here for review.
#[test]
fn routes_of_the_fixture_apps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut out = String::new();
    for app in [
        "express-api",
        "fastapi-app",
        "flask-app",
        "rust-axum-app",
        "next-supabase-app",
        "vite-supabase-app",
    ] {
        let (eps, _) = endpoints(&root.join(app));
        let text = shipsafe::cli::routes::render(&eps);
        out.push_str(&format!(
            "== {app}\n{}",
            text.replace(&format!("testdata/{app}/"), "")
        ));
    }
    insta::assert_snapshot!(out);
}

/// A server action reaches the browser only through client code that imports it: one
/// imported by other actions, route handlers, server-only modules, tests or scripts, or by a chain
/// of plain modules only those import, is called on the server; one a component imports,
/// or a plain module that a component imports however far up, is not.
#[test]
fn server_actions_imported_only_by_server_code() {
    let dir = project(&[
        (
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        ),
        (
            "app/actions/jobs.ts",
            "\"use server\";\nexport async function closeStale(id: string) {}\nexport async function exportAll(id: string) {}\nexport async function viaHook(id: string) {}\nexport async function nobody(id: string) {}\nexport async function deep(id: string) {}\nexport async function deepClient(id: string) {}\n",
        ),
        (
            "app/actions/orders.ts",
            "\"use server\";\nimport { closeStale } from \"./jobs\";\nexport async function place(id: string) { await closeStale(id); }\n",
        ),
        (
            "lib/sweep.ts",
            "import { closeStale } from \"@/app/actions/jobs\";\nexport async function sweep() { await closeStale(\"x\"); }\n",
        ),
        (
            "app/api/cron/route.ts",
            "import { sweep } from \"@/lib/sweep\";\nexport async function GET() { await sweep(); }\n",
        ),
        (
            "app/orders/button.tsx",
            "\"use client\";\nimport { exportAll } from \"@/app/actions/jobs\";\nexport function B() { return <button onClick={() => exportAll(\"1\")} />; }\n",
        ),
        (
            "lib/use-jobs.ts",
            "import { viaHook } from \"@/app/actions/jobs\";\nexport function useJobs() { return viaHook; }\n",
        ),
        (
            "app/orders/list.tsx",
            "import { useJobs } from \"@/lib/use-jobs\";\nexport function L() { useJobs(); return null; }\n",
        ),
        // two plain modules up to a route handler, a cycle between them, a unit test and a
        // script
        (
            "lib/deep/a.ts",
            "import { deep } from \"@/app/actions/jobs\";\nimport { fromB } from \"./b\";\nexport async function fromA() { await deep(\"x\"); }\nexport const loop = () => fromB();\n",
        ),
        (
            "lib/deep/b.ts",
            "import { fromA, loop } from \"./a\";\nexport async function fromB() { await fromA(); }\nexport const again = () => loop();\n",
        ),
        (
            "app/api/deep/route.ts",
            "import { fromB, again } from \"@/lib/deep/b\";\nexport async function POST() { await fromB(); again(); }\n",
        ),
        (
            "scripts/backfill.ts",
            "import { deep } from \"../app/actions/jobs\";\ndeep(process.argv[2]);\n",
        ),
        (
            "tests/jobs.test.ts",
            "import { deep } from \"@/app/actions/jobs\";\ntest(\"deep\", async () => { await deep(\"1\"); });\n",
        ),
        // two plain modules up to a browser component
        (
            "lib/board/c.ts",
            "import { deepClient } from \"@/app/actions/jobs\";\nexport const viaC = (id: string) => deepClient(id);\n",
        ),
        (
            "lib/board/d.ts",
            "import { viaC } from \"./c\";\nexport const viaD = (id: string) => viaC(id);\n",
        ),
        (
            "app/board/panel.tsx",
            "\"use client\";\nimport { viaD } from \"@/lib/board/d\";\nexport function P() { return <button onClick={() => viaD(\"1\")} />; }\n",
        ),
    ]);
    let report = scan(&ScanOptions {
        paths: vec![dir.path().to_path_buf()],
        index: true,
        ..Default::default()
    })
    .expect("scan");
    let ix = project_index(&report);
    let file = "app/actions/jobs.ts";
    assert!(ix.only_server_imports(file, "deep"));
    assert!(!ix.only_server_imports(file, "deepClient"));
    assert!(ix.only_server_imports(file, "closeStale"));
    assert!(!ix.only_server_imports(file, "exportAll"));
    assert!(!ix.only_server_imports(file, "viaHook"));
    // imported by nobody: nothing says where it is called from
    assert!(!ix.only_server_imports(file, "nobody"));
}

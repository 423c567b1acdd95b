import os

from flask import Flask, abort, jsonify, request
from flask_login import LoginManager, current_user, login_required

from models import Note, Project, Snippet, User, Workspace, db

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]
db.init_app(app)

login_manager = LoginManager(app)
login_manager.login_view = "login"


@login_manager.user_loader
def load_user(user_id: str):
    return db.session.get(User, int(user_id))  # ok: tenant/missing-org-filter


@app.get("/workspace")
@login_required
def workspace():
    ws = db.session.get(Workspace, current_user.workspace_id)  # ok: tenant/missing-org-filter
    return jsonify({"id": ws.id, "name": ws.name})


@app.get("/projects")
@login_required
def list_projects():
    projects = Project.query.filter_by(workspace_id=current_user.workspace_id).order_by(Project.name).all()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return jsonify([p.to_dict() for p in projects])


@app.get("/projects/recent")
@login_required
def recent_projects():
    projects = Project.query.order_by(Project.created_at.desc()).limit(10).all()  # expect: tenant/missing-org-filter
    return jsonify([p.to_dict() for p in projects])


@app.get("/projects/<int:project_id>")
@login_required
def get_project(project_id: int):
    project = Project.query.get_or_404(project_id)  # ok: tenant/missing-org-filter
    if project.workspace_id != current_user.workspace_id:
        abort(404)
    return jsonify(project.to_dict())


@app.get("/projects/<int:project_id>/notes")
@login_required
def project_notes(project_id: int):
    project = Project.query.get(project_id)  # expect: tenant/missing-org-filter
    if project is None:
        abort(404)
    return jsonify([n.to_dict() for n in project.notes])


@app.post("/projects/export")
@login_required
def export_projects():
    rows = (
        db.session.query(Project)  # ok: tenant/missing-org-filter
        .filter(Project.workspace_id == request.json["workspace_id"])  # expect: tenant/org-id-from-request
        .all()
    )
    return jsonify([p.to_dict() for p in rows])


@app.post("/projects/<int:project_id>/rename")
@login_required
def rename_project(project_id: int):
    Project.query.filter_by(id=project_id, workspace_id=current_user.workspace_id).first_or_404()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    Project.query.filter_by(id=project_id).update({"name": request.form["name"]})  # ok: tenant/missing-org-filter
    db.session.commit()
    return jsonify({"ok": True})


@app.post("/projects/<int:project_id>/archive")
@login_required
def archive_project(project_id: int):
    Project.query.filter_by(id=project_id, workspace_id=request.form["workspace_id"]).update({"archived": True})  # expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    db.session.commit()
    return jsonify({"ok": True})


@app.get("/notes")
@login_required
def list_notes():
    workspace_id = request.args.get("workspace_id")
    notes = Note.query.filter_by(workspace_id=workspace_id).order_by(Note.updated_at.desc()).all()  # expect: tenant/org-id-from-request  ok: tenant/missing-org-filter
    return jsonify([n.to_dict() for n in notes])


@app.get("/notes/workspace")
@login_required
def workspace_notes():
    workspace_id = current_user.workspace_id
    notes = Note.query.filter_by(workspace_id=workspace_id).order_by(Note.updated_at.desc()).all()  # ok: tenant/missing-org-filter, tenant/org-id-from-request
    return jsonify([n.to_dict() for n in notes])


@app.get("/notes/mine")
@login_required
def my_notes():
    notes = Note.query.filter_by(author_id=current_user.id).all()  # ok: tenant/missing-org-filter
    return jsonify([n.to_dict() for n in notes])


@app.post("/notes/search")
@login_required
def search_notes():
    q = request.get_json().get("q", "")
    workspace_id = request.get_json().get("workspace_id")
    notes = Note.query.filter(  # ok: tenant/missing-org-filter
        Note.workspace_id == workspace_id,  # expect: tenant/org-id-from-request
        Note.body.contains(q),
    ).all()
    return jsonify([n.to_dict() for n in notes])


@app.delete("/notes/<int:note_id>")
@login_required
def delete_note(note_id: int):
    db.session.query(Note).filter(Note.id == note_id).delete()  # expect: tenant/missing-org-filter
    db.session.commit()
    return "", 204


@app.post("/notes/<int:note_id>/discard")
@login_required
def delete_own_note(note_id: int):
    db.session.query(Note).filter(Note.id == note_id, Note.author_id == current_user.id).delete()  # ok: tenant/missing-org-filter
    db.session.commit()
    return "", 204


@app.get("/snippets/gallery")
@login_required
def snippet_gallery():
    # what every workspace shared with everyone, by design
    snippets = db.session.query(Snippet).filter(Snippet.is_public == True).all()  # noqa: E712  # ok: tenant/missing-org-filter
    return jsonify([s.to_dict() for s in snippets])


@app.get("/snippets/unpublished")
@login_required
def unpublished_snippets():
    snippets = db.session.query(Snippet).filter(Snippet.is_public == False).all()  # noqa: E712  # expect: tenant/missing-org-filter
    return jsonify([s.to_dict() for s in snippets])

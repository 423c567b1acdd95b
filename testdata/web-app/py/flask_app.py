"""Shelf back office: the staff dashboard (Flask)."""

import os
import sqlite3
from datetime import datetime, timedelta, timezone
from functools import wraps

import boto3
import jwt
from flask import Flask, abort, g, jsonify, make_response, request

from models import Product, SalesLead, User, db_session

app = Flask(__name__)
app.config.from_object("config.Config")

s3 = boto3.client("s3")


def catalog_db() -> sqlite3.Connection:
    if "catalog" not in g:
        g.catalog = sqlite3.connect(app.config["CATALOG_DB"])
    return g.catalog


def issue_token(user: User) -> str:
    return jwt.encode(  # ok: auth/jwt-no-expiry
        {"sub": str(user.id), "role": user.role, "exp": datetime.now(timezone.utc) + timedelta(hours=8)},
        app.config["JWT_SECRET"],
        algorithm="HS256",
    )


def issue_export_token(user: User, export_id: str) -> str:
    # Links to CSV exports, pasted into spreadsheets and shared around the team.
    return jwt.encode({"sub": str(user.id), "export": export_id}, app.config["JWT_SECRET"], algorithm="HS256")  # expect: auth/jwt-no-expiry


def read_token(token: str) -> dict:
    return jwt.decode(token, app.config["JWT_SECRET"], algorithms=["HS256"])  # ok: auth/jwt-weak-validation


def read_export_token(token: str) -> dict:
    return jwt.decode(
        token,
        app.config["JWT_SECRET"],
        algorithms=["HS256"],
        options={"verify_exp": False},  # expect: auth/jwt-weak-validation
    )


def read_partner_token(token: str) -> dict:
    return jwt.decode(
        token,
        app.config["PARTNER_PUBLIC_KEY"],
        algorithms=["RS256"],
        audience="shelf-backoffice",
        options={"require": ["exp", "sub"]},  # ok: auth/jwt-weak-validation
    )


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        token = request.cookies.get("session_token") or request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = read_token(token)
        except jwt.PyJWTError:
            abort(401)
        g.user = db_session.get(User, int(claims["sub"]))
        if g.user is None:
            abort(401)
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if g.user.role != "admin":
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@app.post("/login")
def login():
    data = request.get_json()
    user = db_session.query(User).filter_by(email=data["email"]).first()
    if user is None:
        return jsonify(error="User not found"), 404  # expect: auth/user-enumeration
    if not user.check_password(data["password"]):
        return jsonify(error="Wrong password"), 401

    resp = make_response(jsonify(id=user.id, role=user.role))
    resp.set_cookie("session_token", issue_token(user))  # expect: auth/insecure-cookie
    resp.set_cookie(
        "remember_token",
        issue_token(user),
        max_age=60 * 60 * 24 * 30,
        httponly=True,
        secure=False,  # expect: auth/insecure-cookie
    )
    resp.set_cookie("last_login", datetime.now(timezone.utc).isoformat())  # ok: auth/insecure-cookie
    return resp


@app.post("/sso/callback")
def sso_callback():
    claims = read_partner_token(request.form["id_token"])
    user = db_session.query(User).filter_by(email=claims["email"]).first()
    if user is None:
        abort(401)
    resp = make_response(jsonify(id=user.id))
    resp.set_cookie("session_token", issue_token(user), httponly=True, secure=True, samesite="Lax")  # ok: auth/insecure-cookie
    return resp


@app.post("/forgot-password")
def forgot_password():
    user = db_session.query(User).filter_by(email=request.json["email"]).first()
    if user is not None:
        send_reset_email(user)
    return jsonify(message="If an account exists for that email, we sent a reset link.")  # ok: auth/user-enumeration


@app.post("/preferences")
@login_required
def preferences():
    resp = make_response("", 204)
    resp.set_cookie("theme", request.form.get("theme", "light"))  # ok: auth/insecure-cookie
    return resp


@app.post("/register")
def register():
    user = User(**request.json)  # expect: authz/mass-assignment-role
    db_session.add(user)
    db_session.commit()
    return jsonify(id=user.id), 201


@app.patch("/me")
@login_required
def update_me():
    data = request.get_json()
    g.user.name = data.get("name", g.user.name)  # ok: authz/mass-assignment-role
    g.user.role = data.get("role", g.user.role)  # expect: authz/mass-assignment-role
    db_session.commit()
    return jsonify(id=g.user.id, name=g.user.name)


@app.post("/pricing/contact")
def contact_sales():
    data = request.get_json()
    lead = SalesLead()
    lead.email = data.get("email")
    lead.plan = data.get("plan")  # ok: authz/mass-assignment-role
    db_session.add(lead)
    db_session.commit()
    return jsonify(ok=True), 201


@app.post("/invite")
def invite():
    data = request.get_json()
    member = User(email=data.get("email"))
    member.role = data.get("role")  # expect: authz/mass-assignment-role
    db_session.add(member)
    db_session.commit()
    return jsonify(id=member.id), 201


@app.post("/invite/accept")
@login_required
def accept_invite():
    # the role the inviter chose, read back from the stored invitation (a User row here)
    token = request.get_json().get("token")
    invitation = db_session.query(User).filter(User.invite_token == token).first() or abort(404)
    g.user.role = invitation.role  # ok: authz/mass-assignment-role
    db_session.commit()
    return jsonify(ok=True)


@app.post("/users/<int:user_id>/delete")
@login_required
def delete_user(user_id: int):
    user = db_session.get(User, user_id) or abort(404)
    db_session.delete(user)  # expect: authz/missing-role-check
    db_session.commit()
    return "", 204


@app.post("/users/<int:user_id>/ban")
@admin_required
def ban_user(user_id: int):
    user = db_session.get(User, user_id) or abort(404)
    db_session.delete(user)  # ok: authz/missing-role-check
    db_session.commit()
    return "", 204


@app.post("/me/delete")
@login_required
def delete_me():
    db_session.delete(g.user)  # ok: authz/missing-role-check
    db_session.commit()
    return "", 204


@app.post("/teams")
@login_required
def create_team():
    # the founder of a new team is its admin: a new account's role, set by the server
    owner = User(email=request.get_json()["email"])
    owner.role = "admin"  # ok: authz/missing-role-check
    db_session.add(owner)
    db_session.commit()
    return jsonify(id=owner.id), 201


@app.post("/me/plan")
@login_required
def upgrade_my_plan():
    # the caller's own record, after checkout: not another user's privileges
    me = db_session.query(User).filter(User.id == g.user.id).one()
    me.plan = "pro"  # ok: authz/missing-role-check
    db_session.commit()
    return "", 204


@app.post("/users/<int:user_id>/promote")
@login_required
def promote(user_id: int):
    target = db_session.get(User, user_id) or abort(404)
    target.role = "admin"  # expect: authz/missing-role-check
    db_session.commit()
    return "", 204


@app.get("/catalog/search")
@login_required
def catalog_search():
    q = request.args.get("q", "")
    cur = catalog_db().cursor()
    cur.execute(f"SELECT id, title FROM products WHERE title LIKE '%{q}%' LIMIT 50")  # expect: web/sql-injection
    by_title = cur.fetchall()
    cur.execute("SELECT id, title FROM products WHERE title LIKE ? LIMIT 50", (f"%{q}%",))  # ok: web/sql-injection
    return jsonify(by_title + cur.fetchall())


@app.get("/catalog/by-creator")
@login_required
def catalog_by_creator():
    sql = "SELECT id, title, price_cents FROM products WHERE creator_id = {} ORDER BY title".format(request.args["creator"])
    cur = catalog_db().cursor()
    cur.execute(sql)  # expect: web/sql-injection
    return jsonify(cur.fetchall())


@app.get("/catalog/stats")
@login_required
def catalog_stats():
    table = "products"
    cur = catalog_db().cursor()
    cur.execute(f"SELECT category, count(*) FROM {table} GROUP BY category")  # ok: web/sql-injection
    return jsonify(cur.fetchall())


@app.post("/products/<int:product_id>/cover")
@login_required
def upload_cover(product_id: int):
    product = db_session.get(Product, product_id) or abort(404)
    key = f"covers/{product.slug}.jpg"
    s3.put_object(
        Bucket=app.config["S3_BUCKET"],
        Key=key,
        Body=request.files["cover"].read(),
        ContentType="image/jpeg",
        ACL="public-read",  # expect: web/public-object-acl
    )
    return jsonify(url=f"https://{app.config['S3_BUCKET']}.s3.amazonaws.com/{key}")


@app.post("/products/<int:product_id>/file")
@login_required
def upload_file(product_id: int):
    product = db_session.get(Product, product_id) or abort(404)
    s3.put_object(
        Bucket=app.config["S3_BUCKET"],
        Key=f"products/{product.slug}.zip",
        Body=request.files["file"].read(),
        ACL="private",  # ok: web/public-object-acl
    )
    return "", 204


@app.get("/exports/<export_id>/link")
@login_required
def export_link(export_id: str):
    url = s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": app.config["S3_BUCKET"], "Key": f"exports/{export_id}.csv"},
        ExpiresIn=2592000,  # expect: web/public-object-acl
    )
    return jsonify(url=url, token=issue_export_token(g.user, export_id))


@app.get("/products/<int:product_id>/download")
@login_required
def download(product_id: int):
    product = db_session.get(Product, product_id) or abort(404)
    url = s3.generate_presigned_url(
        "get_object",
        Params={"Bucket": app.config["S3_BUCKET"], "Key": f"products/{product.slug}.zip"},
        ExpiresIn=3600,  # ok: web/public-object-acl
    )
    return jsonify(url=url)


def send_reset_email(user: User) -> None:
    ...


@app.teardown_appcontext
def close_db(_exc):
    db_session.remove()
    catalog = g.pop("catalog", None)
    if catalog is not None:
        catalog.close()


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=True)  # expect: web/debug-enabled

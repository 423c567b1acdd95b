import os

import requests
import stripe
from flask import Blueprint, Flask, current_app, jsonify, request
from flask_cors import CORS
from flask_sqlalchemy import SQLAlchemy

from auth import auth_bp, calendar_session, embed_user, login_required, oauth, pos_tokens
from config import config

stripe.api_key = "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"  # expect: secrets/hardcoded-credential

db = SQLAlchemy()

account_bp = Blueprint("account", __name__, url_prefix="/account")
public_bp = Blueprint("public", __name__, url_prefix="/public")
embed_bp = Blueprint("embed", __name__, url_prefix="/embed")
partner_bp = Blueprint("partner", __name__, url_prefix="/partner")

_pos = requests.Session()
_pos.verify = False  # expect: auth/tls-verification-disabled
_pos.headers.update({"User-Agent": "bookly/2.3"})

_calendar = requests.Session()


class Booking(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.String(64), nullable=False, index=True)
    venue_id = db.Column(db.Integer, nullable=False)
    starts_at = db.Column(db.DateTime, nullable=False)
    party_size = db.Column(db.Integer, nullable=False, default=2)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "venue_id": self.venue_id,
            "starts_at": self.starts_at.isoformat(),
            "party_size": self.party_size,
        }


@public_bp.get("/venues/<int:venue_id>/availability")
def availability(venue_id: int):
    resp = requests.get(
        f"{current_app.config['VENUE_API_URL']}/venues/{venue_id}/slots",
        params={"date": request.args.get("date")},
        timeout=10,
        verify=False,  # expect: auth/tls-verification-disabled
    )
    resp.raise_for_status()
    return jsonify(resp.json())


@public_bp.get("/venues/<int:venue_id>")
def venue(venue_id: int):
    resp = requests.get(f"{current_app.config['VENUE_API_URL']}/venues/{venue_id}", timeout=10, verify=True)  # ok: auth/tls-verification-disabled
    resp.raise_for_status()
    return jsonify(resp.json())


@account_bp.get("/bookings")
@login_required
def my_bookings():
    from flask import g

    rows = Booking.query.filter_by(user_id=g.user["sub"]).order_by(Booking.starts_at.desc()).all()
    return jsonify([b.to_dict() for b in rows])


@account_bp.post("/bookings/<int:booking_id>/calendar")
@login_required
def add_to_calendar(booking_id: int):
    from flask import g

    booking = Booking.query.filter_by(id=booking_id, user_id=g.user["sub"]).first_or_404()
    resp = _calendar.post(
        f"{current_app.config['CALENDAR_API_URL']}/events",
        json={"title": "Bookly reservation", "start": booking.starts_at.isoformat()},
        headers={"Authorization": f"Bearer {request.headers['X-Calendar-Token']}"},
        timeout=10,
        verify=False,  # expect: auth/tls-verification-disabled
    )
    resp.raise_for_status()
    return jsonify(resp.json()), 201


@account_bp.post("/calendar/connect")
@login_required
def connect_calendar():
    body = request.get_json()
    session = calendar_session(body["username"], body["password"])
    return jsonify(connected=bool(session.token))


@account_bp.post("/billing/portal")
@login_required
def billing_portal():
    from flask import g

    portal = stripe.billing_portal.Session.create(
        customer=g.user["stripe_customer"],
        return_url="https://bookly.app/account",
    )
    return jsonify(url=portal.url)


@embed_bp.get("/bookings")
def embed_bookings():
    user = embed_user()
    rows = Booking.query.filter_by(user_id=user["user_id"]).all()
    return jsonify([b.to_dict() for b in rows])


@partner_bp.post("/bookings/<int:booking_id>/push")
@login_required
def push_to_pos(booking_id: int):
    from flask import g

    booking = Booking.query.filter_by(id=booking_id, user_id=g.user["sub"]).first_or_404()
    resp = _pos.post(
        f"{current_app.config['POS_API_URL']}/reservations",
        json=booking.to_dict(),
        headers={"Authorization": f"Bearer {pos_tokens.get()}"},
        timeout=10,
    )
    resp.raise_for_status()
    return jsonify(resp.json())


@partner_bp.get("/report")
def partner_report():
    resp = requests.get(
        "https://reports.bookly-partners.com/api/daily",
        timeout=10,
        verify=current_app.config["CA_BUNDLE"],  # ok: auth/tls-verification-disabled
    )
    resp.raise_for_status()
    return jsonify(resp.json())


def create_app(config_name: str = os.getenv("FLASK_CONFIG", "default")) -> Flask:
    app = Flask(__name__)
    app.config.from_object(config[config_name])
    db.init_app(app)
    oauth.init_app(app)

    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}}, supports_credentials=True)  # ok: auth/cors-wildcard-credentials
    CORS(account_bp, origins=["https://bookly.app", "https://partners.bookly.app"], supports_credentials=True)  # ok: auth/cors-wildcard-credentials
    CORS(public_bp, origins="*")  # ok: auth/cors-wildcard-credentials
    CORS(embed_bp, supports_credentials=True)  # expect: auth/cors-wildcard-credentials
    CORS(partner_bp, origins="*", supports_credentials=True)  # expect: auth/cors-wildcard-credentials

    for bp in (auth_bp, account_bp, public_bp, embed_bp, partner_bp):
        app.register_blueprint(bp)
    return app


app = create_app()

# local development only: production runs gunicorn app:app (Procfile), which imports
# the module and never enters this block
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.getenv("PORT", "5000")), debug=True)  # ok: web/debug-enabled

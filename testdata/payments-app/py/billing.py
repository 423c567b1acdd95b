import logging

from fastapi import APIRouter
from pydantic import BaseModel

logger = logging.getLogger(__name__)
router = APIRouter()


class CardIn(BaseModel):
    card_number: str
    cvv: str
    expiry: str
    holder: str


@router.post("/billing/card")
async def save_card(card: CardIn):
    logger.info("saving card %s for %s", card.card_number, card.holder)  # expect: payments/pan-in-logs
    logger.info(f"card holder {card.holder}")  # ok: payments/pan-in-logs
    print(f"cvv received: {card.cvv}")  # expect: payments/pan-in-logs
    last4 = card.card_number[-4:]
    logging.info("card ending in %s", last4)  # ok: payments/pan-in-logs
    return {"ok": True}

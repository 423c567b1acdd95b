from django.db import models


class StoredCard(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    card_number = models.CharField(max_length=19)  # expect: payments/pan-storage
    security_code = models.CharField(max_length=4)  # expect: payments/pan-storage
    last4 = models.CharField(max_length=4)  # ok: payments/pan-storage
    brand = models.CharField(max_length=16)  # ok: payments/pan-storage

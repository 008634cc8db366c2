"""Training and evaluation of actor-stance models (installed as ``actor_stance.train``)."""

// SCAFFOLD (replaced by the evaluation work).

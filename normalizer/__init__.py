"""The export stage: records from data/interim in, datasets in data/clean out."""

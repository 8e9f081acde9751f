"""Analysis: the pipeline and its stages."""

from lagebild.analyze.pipeline import AnalyzeConfig, Pipeline, Stage, build_stage

__all__ = ["AnalyzeConfig", "Pipeline", "Stage", "build_stage"]

#!/usr/bin/env python3
"""How high can any common learner get on SRF Data's labelled followers with their six fields?

Research aid, not part of the build or the tests (the trainer is C++, tools/train). Needs Debian's
python3-sklearn (apt-get install python3-sklearn), reads ../shared/data/srf, prints one line per
learner: the mean over 4 repeats of 5-fold stratified cross-validation of the per-fold AUC.
Usage: /usr/bin/python3 tools/research/srf_ceiling.py [path/to/labelled_followers_dev.csv]
"""
import csv
import math
import re
import sys

import numpy as np
from sklearn.ensemble import (ExtraTreesClassifier, GradientBoostingClassifier, HistGradientBoostingClassifier,
                              RandomForestClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler
from sklearn.svm import SVC

PATH = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/srf/labelled_followers_dev.csv'


def features(r):
    """The six SRF fields, as the engine's features see them, plus ratios and name shape."""
    u = r['Username']
    posts, follows, followers = (float(r[k]) for k in ('Number.of.posts', 'Number.of.people.they.follow',
                                                       'Number.of.followers'))
    digits = sum(c.isdigit() for c in u)
    trailing = re.search(r'\d+$', u)
    lp, lfo, lfr = math.log1p(posts), math.log1p(follows), math.log1p(followers)
    return [lp, lfo, lfr, r['has_profile_picture'] == 'TRUE', r['Private.account'] == 'TRUE', len(u), digits,
            digits / max(1, len(u)), lfo - lfr, lfo - lp, lfr - lp, len(trailing.group()) if trailing else 0,
            u.count('_') + u.count('.'), follows >= 7000]


def learners():
    yield 'random forest (500, leaf 3)', RandomForestClassifier(500, min_samples_leaf=3, random_state=0, n_jobs=2)
    yield 'random forest (500, leaf 1)', RandomForestClassifier(500, min_samples_leaf=1, random_state=0, n_jobs=2)
    yield 'extra trees (500, leaf 3)', ExtraTreesClassifier(500, min_samples_leaf=3, random_state=0, n_jobs=2)
    for depth in (1, 2, 3):
        for trees, eta in ((150, 0.05), (300, 0.03)):
            yield (f'boosted trees (depth {depth}, {trees} x {eta}, subsample 0.8)',
                   GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=eta, subsample=0.8,
                                              random_state=0))
    yield 'hist. boosted trees (depth 3)', HistGradientBoostingClassifier(max_depth=3, learning_rate=0.05,
                                                                          max_iter=200, random_state=0)
    yield 'logistic regression', make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    yield 'logistic regression on splines', make_pipeline(StandardScaler(), SplineTransformer(n_knots=4, degree=3),
                                                          LogisticRegression(C=0.3, max_iter=5000))
    yield 'support vector machine (RBF)', make_pipeline(StandardScaler(), SVC(C=1.0))
    yield 'k nearest neighbours (25)', make_pipeline(StandardScaler(), KNeighborsClassifier(25, weights='distance'))


def main():
    rows = list(csv.DictReader(open(PATH)))
    X = np.array([features(r) for r in rows], float)
    y = np.array([r['rating'] == 'TRUE' for r in rows], int)
    print(f'{len(y)} accounts, {y.sum()} fakes; mean per-fold AUC over 4 x 5-fold CV')
    cv = list(RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=1).split(X, y))
    for name, model in learners():
        aucs = []
        for train, test in cv:
            model.fit(X[train], y[train])
            s = model.decision_function(X[test]) if hasattr(model, 'decision_function') else \
                model.predict_proba(X[test])[:, 1]
            aucs.append(roc_auc_score(y[test], s))
        print(f'{np.mean(aucs):.3f}  {name}', flush=True)


if __name__ == '__main__':
    main()

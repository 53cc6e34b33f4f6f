/**
 * Tabular data the way scikit-learn and PyTorch handle it in the Iris and breast-cancer lessons:
 * {@link kr.dlcourse.tabular.TableArrays} (a Tablesaw table to feature and label arrays), {@link
 * kr.dlcourse.tabular.StratifiedSplit} ({@code train_test_split(stratify=y)}), {@link
 * kr.dlcourse.tabular.StandardScaler}, and {@link kr.dlcourse.tabular.TabularData} with its
 * batches ({@code TensorDataset} + {@code DataLoader}).
 *
 * <pre>{@code
 * Table iris = TabularDatasets.iris();
 * List<String> features = TableArrays.featureNames(iris, TabularDatasets.IRIS_LABEL);
 * float[][] x = TableArrays.features(iris, features);
 * int[] y = TableArrays.labels(iris, TabularDatasets.IRIS_LABEL, TabularDatasets.IRIS_CLASSES);
 * StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);             // 120 / 30
 * StandardScaler scaler = StandardScaler.fit(split.train(x));          // training part only
 * TabularData train = TabularData.of(scaler.transform(split.train(x)), split.train(y));
 * for (Batch b : train.batches(16).shuffle(42)) { ... }
 * }</pre>
 */
package kr.dlcourse.tabular;

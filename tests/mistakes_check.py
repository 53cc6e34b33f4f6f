#!/usr/bin/python3
"""Makes the mistakes students make, in the real course kernel, and checks what the notebook says.

- Exercise checks (notebooks 06, 07 and 20): the notebook runs top to bottom; at each exercise cell the
  cell is filled in turn with an emptied cell, a cell that does not compile, a cell that throws, the
  wrong answers measured in issue 14, right answers written differently from the solution (DJL's own
  trackers, blocks built by hand, streams, int instead of Integer), and the handout again. After
  each, the check cell must print one verdict (⏳, ✗ with a hint, ✔) that starts as expected, and
  never an error of its own.
- Everyday mistakes: a wrong input shape, a double input, a wrong augmentation argument, a helper
  argument error give one Korean line (title: message) and no stack trace.

    python3 tests/mistakes_check.py      (kernel installed; COURSE_DATA_DIR with MNIST; quick mode)
    python3 tests/mistakes_check.py 20   (only the notebooks whose names contain an argument)

Prints one line per check and "mistakes_check: N passed, M failed"; exits 1 if any failed.
"""
import os
import re
import sys
import tempfile

import nbformat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_check import Kernel, check, errors, results, text  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# exercise variable -> list of (what, code for the exercise cell, expected start of the verdict, the
# exercise cell's own error must start with this, or None if it must not fail)
VARIANTS = {
    "cnnV3": [
        ("emptied", "", "⏳ [챌린지 1] 아직 풀지 않았습니다: 실습 셀에 cnnV3 선언이 없습니다", None),
        ("handout first", None, "⏳ [챌린지 1] 아직 풀지 않았습니다", None),
        ("does not compile", "SequentialBlock cnnV3 = Cifar10Models.cnnV1(\"10\");",
         "✗ [챌린지 1] 실습 셀이 컴파일되지 않아 cnnV3를 검사할 수 없습니다", ""),
        ("throws", "SequentialBlock cnnV3 = (SequentialBlock) Cifar10Models.cnnV1(10)\n    .getChildren().get(5).getValue();",
         "✗ [챌린지 1] 실습 셀이 실행 중 오류로 멈췄습니다: 배열이나 리스트의 범위를 벗어난 위치를 읽었습니다", ""),
        ("wrong: CNN_V1 itself", "SequentialBlock cnnV3 = Cifar10Models.cnnV1(10);", "✗ [챌린지 1] Conv2d 층이 3개입니다", None),
        ("wrong: the classifier forgotten",
         "SequentialBlock cnnV3 = Cifar10Models.cnnV1Features().add(Cifar10Models.conv3x3(256)).add(Activation::relu);",
         "✗ [챌린지 1] 입력 (1, 3, 32, 32)에 대한 출력 모양이 (1, 256, 8, 8) 입니다. (1, 10)이어야 합니다.", None),
        ("right, CNN_V1's features extended with DJL's builders",
         "SequentialBlock features = Cifar10Models.cnnV1Features();\n"
         "features.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(256).build())\n"
         "    .add(Activation.reluBlock());\n"
         "SequentialBlock cnnV3 = new SequentialBlock().add(features).add(Cifar10Models.cnnV1Classifier(10));",
         "✔ [챌린지 1] 통과: Conv 층 4개, 파라미터 390,986개", None),
        ("right, the whole model written out by hand",
         "SequentialBlock cnnV3 = new SequentialBlock()\n"
         "    .add(new SequentialBlock()\n"
         "        .add(Cifar10Models.conv3x3(32)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))\n"
         "        .add(Cifar10Models.conv3x3(64)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))\n"
         "        .add(Cifar10Models.conv3x3(128)).add(Activation::relu)\n"
         "        .add(Cifar10Models.conv3x3(256)).add(Activation::relu))\n"
         "    .add(new SequentialBlock().add(Pool.globalAvgPool2dBlock())\n"
         "        .add(Dropout.builder().optRate(0.3f).build()).add(Linear.builder().setUnits(10).build()));",
         "✔ [챌린지 1] 통과: Conv 층 4개, 파라미터 390,986개", None),
        ("a compile error after a right answer", "SequentialBlock cnnV3 = Cifar10Models.cnnV1(10) + 1;",
         "✗ [챌린지 1] 실습 셀이 컴파일되지 않아", ""),
        ("an unclosed parenthesis after a right answer", "SequentialBlock cnnV3 = Cifar10Models.cnnV1(10;",
         "✗ [챌린지 1] 실습 셀이 컴파일되지 않아", "코드가 끝나지 않았습니다"),
        ("handout", None, "⏳ [챌린지 1] 아직 풀지 않았습니다", None),
    ],
    "strongAug": [
        ("emptied", "", "⏳ [챌린지 2] 아직 풀지 않았습니다: 실습 셀에 strongAug 선언이 없습니다", None),
        ("does not compile", "Augmentation strongAug = Augmentations.lessonPipeline().then(Augmentations.randomErasing(0.5));",
         "✗ [챌린지 2] 실습 셀이 컴파일되지 않아 strongAug를 검사할 수 없습니다", ""),
        ("wrong: erasing alone", "Augmentation strongAug = Augmentations.randomErasing();",
         "✗ [챌린지 2] RandomErasing은 있지만 5절의 증강 중 다음이 일어나지 않습니다: 좌우 뒤집기, 자르기(이동), 색 변화.", None),
        ("a wrong argument", "Augmentation strongAug = Augmentations.lessonPipeline().then(Augmentations.randomErasing(2, 0.02, 0.33, 0.3, 3.3));",
         "✗ [챌린지 2] 실습 셀이 실행 중 오류로 멈췄습니다: p는 0 이상 1 이하여야 합니다", "인자 오류: p는 0 이상 1 이하여야 합니다"),
        ("right, step by step",
         "Augmentation strongAug = Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4))\n"
         "    .then(Augmentations.colorJitter(0.2, 0.2, 0.2)).then(Augmentations.randomErasing(0.5, 0.02, 0.33, 0.3, 3.3));",
         "✔ [챌린지 2] 통과", None),
        ("handout", None, "⏳ [챌린지 2] 아직 풀지 않았습니다", None),
    ],
    "schedule": [
        ("emptied", "", "⏳ [챌린지 3] 아직 풀지 않았습니다: 실습 셀에 schedule 선언이 없습니다", None),
        ("does not compile", "Tracker schedule = LearningRates.step(0.01, stepEpochs, 0.1, perEpoch);",
         "✗ [챌린지 3] 실습 셀이 컴파일되지 않아 schedule를 검사할 수 없습니다", ""),
        ("throws", "Tracker schedule = LearningRates.step(0.01, 0, 0.1, perEpoch);",
         "✗ [챌린지 3] 실습 셀이 실행 중 오류로 멈췄습니다: ", "인자 오류: "),
        ("right: the hint's StepLR", "Tracker schedule = LearningRates.step(0.01, epochs3 / 2, 0.1, perEpoch);",
         "✔ [챌린지 3] 통과", None),
        ("wrong: one batch per epoch", "Tracker schedule = LearningRates.cosine(0.01, epochs3, 1);",
         "✗ [챌린지 3] 첫 에폭이 끝날 때 학습률이 이미 0입니다", None),
        ("wrong: starts at 0.1", "Tracker schedule = LearningRates.step(0.1, 1, 0.1, perEpoch);",
         "✗ [챌린지 3] 첫 학습률이 0.1입니다. 0.01에서 시작해야 합니다.", None),
        ("right: DJL's cosine tracker",
         "Tracker schedule = Tracker.cosine().setBaseValue(0.01f).optFinalValue(0f).setMaxUpdates(epochs3 * perEpoch).build();",
         "✔ [챌린지 3] 통과: 학습률 0.00", None),
        ("right: DJL's factor tracker",
         "Tracker schedule = Tracker.factor().setBaseValue(0.01f).setFactor((float) Math.pow(0.4, 1.0 / (epochs3 * perEpoch))).build();",
         "✔ [챌린지 3] 통과", None),
        ("handout", None, "⏳ [챌린지 3] 아직 풀지 않았습니다", None),
    ],
    "wider": [
        ("wrong: 100 hidden units", "Block wider = mlp(100, 10);", "✗ [Try 1] 파라미터가 79,510개입니다. 은닉층 200개라면 159,010개여야 합니다.", None),
        ("wrong: no activation",
         "Block wider = new SequentialBlock().add(Blocks.batchFlattenBlock())\n"
         "    .add(Linear.builder().setUnits(200).build()).add(Linear.builder().setUnits(10).build());",
         "✗ [Try 1] 모델이 선형입니다", None),
        ("right: the helper's model", "Block wider = MnistModels.mlp(200);", "✔ [Try 1] 통과: 은닉층 200개, 파라미터 159,010개", None),
        ("handout", None, "⏳ [Try 1] 아직 풀지 않았습니다", None),
    ],
    "deeper": [
        ("wrong: no dropout",
         "Block deeper = new SequentialBlock().add(Blocks.batchFlattenBlock())\n"
         "    .add(Linear.builder().setUnits(256).build()).add(Activation::relu)\n"
         "    .add(Linear.builder().setUnits(128).build()).add(Activation::relu)\n"
         "    .add(Linear.builder().setUnits(10).build());", "✗ [Try 2] 학습할 때 출력이 무작위로 달라지지 않습니다", None),
        ("right: tanh, three hidden layers, dropout 0.5",
         "Block deeper = new SequentialBlock().add(Blocks.batchFlattenBlock())\n"
         "    .add(Linear.builder().setUnits(256).build()).add(Activation.tanhBlock()).add(Dropout.builder().optRate(0.5f).build())\n"
         "    .add(Linear.builder().setUnits(128).build()).add(Activation.tanhBlock())\n"
         "    .add(Linear.builder().setUnits(64).build()).add(Activation::relu)\n"
         "    .add(Linear.builder().setUnits(10).build());", "✔ [Try 2] 통과: Linear 4개", None),
        ("handout", None, "⏳ [Try 2] 아직 풀지 않았습니다", None),
    ],
    "hardestDigit": [
        ("handout first", None, "⏳ [Try 3] 아직 풀지 않았습니다", None),
        ("throws in the loop",
         "double[] perDigit = cm.perClassAccuracy();\n"
         "Integer hardestDigit = 0;\n"
         "for (int d = 1; d <= perDigit.length; d++) {\n"
         "    if (perDigit[d] < perDigit[hardestDigit]) hardestDigit = d;\n"
         "}", "✗ [Try 3] 실습 셀이 실행 중 오류로 멈췄습니다: 배열이나 리스트의 범위를 벗어난 위치를 읽었습니다", ""),
        ("wrong: the easiest digit",
         "double[] perDigit = cm.perClassAccuracy();\n"
         "int hardestDigit = IntStream.range(0, perDigit.length).boxed().max(Comparator.comparingDouble(d -> perDigit[d])).orElseThrow();",
         "✗ [Try 3] 클래스 ", None),
        ("right: int and a stream",
         "double[] perDigit = cm.perClassAccuracy();\n"
         "int hardestDigit = IntStream.range(0, perDigit.length).boxed().min(Comparator.comparingDouble(d -> perDigit[d])).orElseThrow();",
         "✔ [Try 3] 통과: 가장 어려운 클래스는", None),
        ("handout", None, "⏳ [Try 3] 아직 풀지 않았습니다", None),
    ],
}

# notebook 20 (lesson 39's exercises 1-5): the same kinds of mistakes for each answer
VARIANTS_20 = {
    "hardestTwo": [
        ("emptied", "", "⏳ [연습 1-3] 아직 풀지 않았습니다: 실습 셀에 hardestTwo 선언이 없습니다", None),
        ("handout first", None, "⏳ [연습 1-3] 아직 풀지 않았습니다", None),
        ("does not compile", "List<String> hardestTwo = cm.perClassAccuracy();",
         "✗ [연습 1-3] 실습 셀이 컴파일되지 않아 hardestTwo를 검사할 수 없습니다", ""),
        ("throws", "List<String> hardestTwo = List.of(classes.get(10), classes.get(0));",
         "✗ [연습 1-3] 실습 셀이 실행 중 오류로 멈췄습니다: 배열이나 리스트의 범위를 벗어난 위치를 읽었습니다", ""),
        ("wrong: class numbers as text", "List<String> hardestTwo = List.of(\"0\", \"1\");",
         "✗ [연습 1-3] \"0\"은(는) 클래스 이름이 아닙니다.", None),
        ("wrong: the two easiest",
         "double[] acc = cm.perClassAccuracy();\n"
         "List<String> hardestTwo = IntStream.range(0, acc.length).boxed()\n"
         "    .sorted(Comparator.comparingDouble((Integer c) -> acc[c]).reversed()).limit(2).map(classes::get).toList();",
         "✗ [연습 1-3] ", None),
        ("right, with for loops",
         "double[] acc = cm.perClassAccuracy();\n"
         "int lowest = 0;\n"
         "for (int c = 1; c < acc.length; c++) if (acc[c] < acc[lowest]) lowest = c;\n"
         "int next = lowest == 0 ? 1 : 0;\n"
         "for (int c = 0; c < acc.length; c++) if (c != lowest && acc[c] < acc[next]) next = c;\n"
         "List<String> hardestTwo = new ArrayList<>(List.of(classes.get(next), classes.get(lowest)));",
         "✔ [연습 1-3] 통과: 가장 어려운 두 클래스:", None),
        ("handout", None, "⏳ [연습 1-3] 아직 풀지 않았습니다", None),
    ],
    "hypothesis": [
        ("emptied", "", "⏳ [연습 1-4] 아직 풀지 않았습니다: 실습 셀에 hypothesis 선언이 없습니다", None),
        ("does not compile", "String hypothesis = 42;", "✗ [연습 1-4] 실습 셀이 컴파일되지 않아 hypothesis를 검사할 수 없습니다", ""),
        ("blank", "String hypothesis = \"  \";", "⏳ [연습 1-4] 아직 풀지 않았습니다", None),
        ("wrong: too short", "String hypothesis = \"비슷함\";", "✗ [연습 1-4] 가설이 3자로 너무 짧습니다.", None),
        ("right, joined lines",
         "String hypothesis = String.join(\" \", \"bird와 airplane은 하늘 배경이 같고\", \"작은 물체라 32×32에서 모양이 뭉개진다.\");",
         "✔ [연습 1-4] 통과: 가설을 적었습니다", None),
        ("handout", None, "⏳ [연습 1-4] 아직 풀지 않았습니다", None),
    ],
    "basicAug": [
        ("emptied", "", "⏳ [연습 2-2] 아직 풀지 않았습니다: 실습 셀에 basicAug 선언이 없습니다", None),
        ("does not compile", "Augmentation basicAug = Augmentations.randomCrop(4).then(Augmentations.horizontalFlip());",
         "✗ [연습 2-2] 실습 셀이 컴파일되지 않아 basicAug를 검사할 수 없습니다", ""),
        ("wrong: with colour", "Augmentation basicAug = Augmentations.projectPipeline();", "✗ [연습 2-2] 색이 바뀝니다", None),
        ("wrong: flip only", "Augmentation basicAug = Augmentations.horizontalFlip(0.5);",
         "✗ [연습 2-2] 64장 중 이동(자르기)한 이미지가 하나도 없습니다", None),
        ("right, flip first", "Augmentation basicAug = Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4));",
         "✔ [연습 2-2] 통과: 64장 중 뒤집힘", None),
        ("handout", None, "⏳ [연습 2-2] 아직 풀지 않았습니다", None),
    ],
    "fullAug": [
        ("emptied", "", "⏳ [연습 2-3] 아직 풀지 않았습니다: 실습 셀에 fullAug 선언이 없습니다", None),
        ("does not compile", "Augmentation fullAug = Augmentations.colorJitter(0.2, 0.2);",
         "✗ [연습 2-3] 실습 셀이 컴파일되지 않아 fullAug를 검사할 수 없습니다", ""),
        ("a wrong argument", "Augmentation fullAug = Augmentations.projectPipeline().then(Augmentations.colorJitter(3, 0.2, 0));",
         "✗ [연습 2-3] 실습 셀이 실행 중 오류로 멈췄습니다: brightness는 0 이상 1 이하여야 합니다", "인자 오류: brightness는 0 이상 1 이하여야 합니다"),
        ("wrong: no colour", "Augmentation fullAug = Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5));",
         "✗ [연습 2-3] 64장 중 밝기와 대비가 바뀐 이미지가 하나도 없습니다.", None),
        ("right: 1강's pipeline with saturation", "Augmentation fullAug = Augmentations.lessonPipeline();", "✔ [연습 2-3] 통과", None),
        ("handout", None, "⏳ [연습 2-3] 아직 풀지 않았습니다", None),
    ],
    "mixupCriterion": [
        ("emptied", "", "⏳ [연습 3-1] 아직 풀지 않았습니다: 실습 셀에 mixupCriterion 선언이 없습니다", None),
        ("does not compile", "BiFunction<Batch, NDArray, NDArray> mixupCriterion = (batch, output) -> ce.evaluate(batch.y(), output);",
         "✗ [연습 3-1] 실습 셀이 컴파일되지 않아 mixupCriterion를 검사할 수 없습니다", ""),
        ("wrong: a double lambda",
         "BiFunction<Batch, NDArray, NDArray> mixupCriterion = (batch, output) -> !batch.isMixed() ? ce.evaluate(batch.labels(), new NDList(output))\n"
         "    : ce.evaluate(batch.labels(), new NDList(output)).mul(batch.lambda())\n"
         "        .add(ce.evaluate(new NDList(batch.partnerLabels()), new NDList(output)).mul(1 - batch.lambda()));",
         "✗ [연습 3-1] 손실의 자료형이 float64입니다.", None),
        ("wrong: lam and 1-lam swapped",
         "BiFunction<Batch, NDArray, NDArray> mixupCriterion = (batch, output) -> {\n"
         "    float lam = (float) batch.lambda();\n"
         "    if (!batch.isMixed()) return ce.evaluate(batch.labels(), new NDList(output));\n"
         "    return ce.evaluate(batch.labels(), new NDList(output)).mul(1 - lam).add(ce.evaluate(new NDList(batch.partnerLabels()), new NDList(output)).mul(lam));\n"
         "};", "✗ [연습 3-1] λ=0.3인 섞인 배치에서", None),
        ("wrong: no unmixed case",
         "BiFunction<Batch, NDArray, NDArray> mixupCriterion = (batch, output) -> {\n"
         "    float lam = (float) batch.lambda();\n"
         "    return ce.evaluate(batch.labels(), new NDList(output)).mul(lam).add(ce.evaluate(new NDList(batch.partnerLabels()), new NDList(output)).mul(1 - lam));\n"
         "};", "✗ [연습 3-1] 섞이지 않은 배치(batch.isMixed() == false, partnerLabels() == null)에서 오류가 났습니다", None),
        ("right, by hand with log-softmax",
         "BiFunction<Batch, NDArray, NDArray> mixupCriterion = (batch, output) -> {\n"
         "    NDArray logp = output.logSoftmax(1);\n"
         "    NDArray a = logp.mul(batch.y().oneHot(10, DataType.FLOAT32)).sum(new int[] {1}).neg().mean();\n"
         "    if (batch.partnerLabels() == null) return a;\n"
         "    NDArray b = logp.mul(batch.partnerLabels().oneHot(10, DataType.FLOAT32)).sum(new int[] {1}).neg().mean();\n"
         "    return a.mul((float) batch.lambda()).add(b.mul((float) (1 - batch.lambda())));\n"
         "};", "✔ [연습 3-1] 통과: 섞인 배치 (λ=0.3)", None),
        ("handout", None, "⏳ [연습 3-1] 아직 풀지 않았습니다", None),
    ],
    "alphas": [
        ("emptied", "", "⏳ [연습 3-2] 아직 풀지 않았습니다: 실습 셀에 alphas 선언이 없습니다", None),
        ("does not compile", "double[] alphas = {0.2, 0.5, \"1.0\"};", "✗ [연습 3-2] 실습 셀이 컴파일되지 않아 alphas를 검사할 수 없습니다", ""),
        ("wrong: 0.1", "double[] alphas = {0.1, 0.5, 1.0};", "✗ [연습 3-2] 알파 0.1은(는) 연습 3의 값이 아닙니다.", None),
        ("right: a stream, another order", "double[] alphas = DoubleStream.of(1.0, 0.5, 0.2).toArray();", "✔ [연습 3-2] 통과: 알파 0.2, 0.5, 1.0", None),
        ("handout", None, "⏳ [연습 3-2] 아직 풀지 않았습니다", None),
    ],
    "freezeAllButFc": [
        ("emptied", "", "⏳ [연습 4-1] 아직 풀지 않았습니다: 실습 셀에 freezeAllButFc 선언이 없습니다", None),
        ("does not compile", "Consumer<Block> freezeAllButFc = model -> model.freeze(true);",
         "✗ [연습 4-1] 실습 셀이 컴파일되지 않아 freezeAllButFc를 검사할 수 없습니다", ""),
        ("wrong: fc frozen too", "Consumer<Block> freezeAllButFc = model -> model.freezeParameters(true);",
         "✗ [연습 4-1] fc의 파라미터가 0개만 학습됩니다", None),
        ("throws when applied", "Consumer<Block> freezeAllButFc = model -> model.getChildren().values().get(20).freezeParameters(false);",
         "✗ [연습 4-1] ResNet-18에 함수를 적용하다 오류가 났습니다: 배열이나 리스트의 범위를 벗어난 위치를 읽었습니다", None),
        ("right, parameter by parameter",
         "Consumer<Block> freezeAllButFc = model -> model.getParameters().forEach(p -> p.getValue().freeze(!p.getKey().contains(\"fc\")));",
         "✔ [연습 4-1] 통과: 학습되는 파라미터 5,130개, 모두 fc", None),
        ("handout", None, "⏳ [연습 4-1] 아직 풀지 않았습니다", None),
    ],
    "unfreezeAll": [
        ("emptied", "", "⏳ [연습 4-2] 아직 풀지 않았습니다: 실습 셀에 unfreezeAll 선언이 없습니다", None),
        ("does not compile", "Consumer<Block> unfreezeAll = model -> model.freezeParameters(false, Parameter.Type.WEIGHT);",
         "✗ [연습 4-2] 실습 셀이 컴파일되지 않아 unfreezeAll를 검사할 수 없습니다", ""),
        ("wrong: running statistics too", "Consumer<Block> unfreezeAll = model -> model.freezeParameters(false);",
         "✗ [연습 4-2] 학습되는 파라미터가 11,183,562개로 전체(11,173,962개)보다 9,600개 많습니다", None),
        ("right, by parameter names",
         "Consumer<Block> unfreezeAll = model -> model.getParameters().forEach(p -> {\n"
         "    if (!p.getKey().endsWith(\"runningMean\") && !p.getKey().endsWith(\"runningVar\")) p.getValue().freeze(false);\n"
         "});", "✔ [연습 4-2] 통과: 학습되는 파라미터 11,173,962개", None),
        ("handout", None, "⏳ [연습 4-2] 아직 풀지 않았습니다", None),
    ],
    "bestLoader": [
        ("emptied", "", "⏳ [연습 5-1] 아직 풀지 않았습니다: 실습 셀에 bestLoader 선언이 없습니다", None),
        ("does not compile", "Batches bestLoader = resTrain.batches(128).mix(Mixup.of(\"0.2\"), 1);",
         "✗ [연습 5-1] 실습 셀이 컴파일되지 않아 bestLoader를 검사할 수 없습니다", ""),
        ("throws", "Batches bestLoader = resTrain.batches(128).mix(null, 1);",
         "✗ [연습 5-1] 실습 셀이 실행 중 오류로 멈췄습니다: mix(...)에 넘긴 믹싱이 null입니다", "인자 오류: mix(...)에 넘긴 믹싱이 null입니다"),
        ("wrong: no mixing",
         "Batches bestLoader = resTrain.batches(128).shuffle(Course.seed()).augment(Augmentations.projectPipeline(), Course.seed()).normalize(Normalization.CIFAR10);",
         "✗ [연습 5-1] 로더가 배치를 섞지 않습니다", None),
        ("wrong: basic augmentation",
         "Batches bestLoader = resTrain.batches(128).shuffle(Course.seed()).augment(Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5)), Course.seed())\n"
         "    .normalize(Normalization.CIFAR10).mix(Mixup.of(0.2), Course.seed());",
         "✗ [연습 5-1] 로더의 증강: 로더의 증강이 밝기·대비를 바꾸지 않습니다", None),
        ("right: Mixup, written in another order",
         "Batches bestLoader = resTrain.batches(128).mix(Mixup.of(0.2), 7).normalize(Normalization.CIFAR10).augment(Augmentations.lessonPipeline(), 7).shuffle(7);",
         "✔ [연습 5-1] 통과: 전체 증강", None),
        ("handout", None, "⏳ [연습 5-1] 아직 풀지 않았습니다", None),
    ],
    "bestLoss": [
        ("emptied", "", "⏳ [연습 5-2] 아직 풀지 않았습니다: 실습 셀에 bestLoss 선언이 없습니다", None),
        ("does not compile", "Loss bestLoss = new LabelSmoothingLoss(0.1);", "✗ [연습 5-2] 실습 셀이 컴파일되지 않아 bestLoss를 검사할 수 없습니다", ""),
        ("throws", "Loss bestLoss = new LabelSmoothingLoss(1.5f);",
         "✗ [연습 5-2] 실습 셀이 실행 중 오류로 멈췄습니다: label smoothing 값", "인자 오류: label smoothing 값"),
        ("wrong: no smoothing", "Loss bestLoss = Loss.softmaxCrossEntropyLoss();", "✗ [연습 5-2] 보통의 교차 엔트로피와 같습니다", None),
        ("wrong: 0.2", "Loss bestLoss = new LabelSmoothingLoss(0.2f);", "✗ [연습 5-2] 손실 ", None),
        ("right, written by hand",
         "Loss bestLoss = new Loss(\"smoothed\") {\n"
         "    @Override\n"
         "    public NDArray evaluate(NDList label, NDList prediction) {\n"
         "        NDArray logp = prediction.singletonOrThrow().logSoftmax(1);\n"
         "        NDArray target = label.singletonOrThrow().oneHot(10, DataType.FLOAT32).mul(0.9f).add(0.01f);\n"
         "        return logp.mul(target).sum(new int[] {1}).neg().mean();\n"
         "    }\n"
         "};", "✔ [연습 5-2] 통과: 탐침 로짓에서", None),
        ("handout", None, "⏳ [연습 5-2] 아직 풀지 않았습니다", None),
    ],
    "bestSchedule": [
        ("emptied", "", "⏳ [연습 5-3] 아직 풀지 않았습니다: 실습 셀에 bestSchedule 선언이 없습니다", None),
        ("does not compile", "Tracker bestSchedule = LearningRates.cosine(lr, epochs5);",
         "✗ [연습 5-3] 실습 셀이 컴파일되지 않아 bestSchedule를 검사할 수 없습니다", ""),
        ("wrong: constant", "Tracker bestSchedule = LearningRates.constant(lr);", "✗ [연습 5-3] 에폭 2에서 학습률이 0.1로 코사인 곡선", None),
        ("wrong: starts at 0.01", "Tracker bestSchedule = LearningRates.cosine(0.01, epochs5, perEpoch5);",
         "✗ [연습 5-3] 첫 학습률이 0.01입니다. 0.1에서 시작해야 합니다.", None),
        ("right: a lambda per epoch",
         "Tracker bestSchedule = u -> (float) (lr * (1 + Math.cos(Math.PI * ((u - 1) / perEpoch5) / epochs5)) / 2);",
         "✔ [연습 5-3] 통과: 학습률 0.1", None),
        ("handout", None, "⏳ [연습 5-3] 아직 풀지 않았습니다", None),
    ],
}

# the student's line that threw: the check names it, and the cell's own error shows it (not the
# handed-out line of the same variable, as rapaio 3.0.1 did)
THREW_AT = {
    ("cnnV3", "throws"): ".getChildren().get(5).getValue();",
    ("hardestDigit", "throws in the loop"): "if (perDigit[d] < perDigit[hardestDigit]) hardestDigit = d;",
}

MISTAKES = [
    ("a grey image into a colour model",
     "NDManager m1 = Cells.manager(\"m1\");\n"
     "Block conv = Cifar10Models.cnnV1(10);\n"
     "conv.initialize(m1, DataType.FLOAT32, new Shape(1, 3, 32, 32));\n"
     "conv.forward(new ParameterStore(m1, false), new NDList(m1.zeros(new Shape(1, 1, 32, 32))), false);",
     "모양 오류: 입력 (1, 1, 32, 32)의 채널 수는 1인데"),
    ("a double input",
     "conv.forward(new ParameterStore(m1, false), new NDList(m1.zeros(new Shape(1, 3, 32, 32), DataType.FLOAT64)), false);",
     "자료형 오류: 입력의 자료형이 FLOAT64인데 모델의 가중치는 FLOAT32입니다."),
    ("an image of the wrong size into an MLP",
     "NDManager m2 = Cells.manager(\"m2\");\n"
     "Block flat = Cifar10Models.mlp(10);\n"
     "flat.initialize(m2, DataType.FLOAT32, new Shape(1, 3, 32, 32));\n"
     "flat.forward(new ParameterStore(m2, false), new NDList(m2.zeros(new Shape(4, 3, 28, 28))), false);",
     "모양 오류: 완전연결 층(Linear, 출력 256개)은 샘플마다 3072개의 값을 받도록 초기화되었는데, 2352개를 받았습니다"),
    ("a wrong augmentation argument", "Augmentations.colorJitter(3, 0.2, 0.2);", "인자 오류: brightness는 0 이상 1 이하여야 합니다 (받은 값: 3)"),
    ("an unclosed parenthesis", "System.out.println(Math.max(1, 2);", "코드가 끝나지 않았습니다"),
]


# notebook 06's training cells, run after changing the answer the way a student would: the saved
# weights are reused only for the same experiment (issue 14: dropout 0.9 + sigmoid reused CNN_V3's
# old weights; a cosine schedule reused the step schedule's weights and even its chart)
STALE = {
    'trainAndSave("challenge_cnn_v3"': [
        ("CNN_V3", "SequentialBlock cnnV3 = new SequentialBlock()\n"
         "    .add(new SequentialBlock()\n"
         "        .add(Cifar10Models.conv3x3(32)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))\n"
         "        .add(Cifar10Models.conv3x3(64)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))\n"
         "        .add(Cifar10Models.conv3x3(128)).add(Activation::relu)\n"
         "        .add(Cifar10Models.conv3x3(256)).add(Activation::%s))\n"
         "    .add(new SequentialBlock().add(Pool.globalAvgPool2dBlock())\n"
         "        .add(Dropout.builder().optRate(%sf).build()).add(Linear.builder().setUnits(10).build()));",
         ("relu", "0.3"), ("sigmoid", "0.9"), "모델의 층이 다릅니다", "SequentialBlock cnnV3 = null;"),
    ],
    'trainAndSave("challenge_cnn_v1_sgd_schedule"': [
        ("a schedule", "Tracker schedule = %s;",
         ("LearningRates.step(0.01, 1, 0.1, perEpoch)",), ("LearningRates.cosine(0.01, epochs3, perEpoch)",),
         "학습률 스케줄이 다릅니다", "Tracker schedule = null;"),
    ],
}


def stale_checkpoints(k, training_cell, scenario):
    for what, template, first, changed, difference, handout in scenario:
        k.run(template % first)
        r = k.run(training_cell, timeout=900)
        out = text(r)
        check("checkpoints (%s): the first run trains or loads" % what, not errors(r) and ("저장했습니다" in out or "불러왔습니다" in out),
              repr(r["outs"])[-300:])
        r = k.run(training_cell, timeout=900)
        check("checkpoints (%s): a rerun loads the same experiment" % what, "같은 실험의 저장된 가중치를 불러왔습니다" in text(r),
              repr(r["outs"])[-300:])
        k.run(template % changed)
        r = k.run(training_cell, timeout=900)
        out = text(r)
        check("checkpoints (%s): after the change it trains anew and says why" % what,
              not errors(r) and "다른 실험의 것이라 쓰지 않고 새로 학습합니다: " + difference in out and "저장했습니다" in out,
              repr(out)[-400:])
        k.run(handout)


def run_notebook(k, path, solved_vars, variants=VARIANTS):
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    for i, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        if "exercise" in tags:
            variable = next(v for v in variants if re.search(r"\b%s\s*=" % v, cell.source))
            check_cell = cells[i + 1]
            for what, code, verdict, own_error in variants[variable]:
                r = k.run(cell.source if code is None else code)
                errs = errors(r)
                if own_error is None:
                    check("%s (%s): the exercise cell runs" % (variable, what), not errs, repr(errs)[:300])
                else:
                    check("%s (%s): the exercise cell fails" % (variable, what), bool(errs), repr(r["outs"])[:300])
                    if own_error:
                        first = errs[0].strip() if errs else ""
                        check("%s (%s): its error is one Korean line" % (variable, what),
                              first.startswith(own_error) and "\n" not in first, repr(first)[:300])
                line = THREW_AT.get((variable, what))
                if line:
                    own = "\n".join(errs)
                    check("%s (%s): the cell's error shows the student's line" % (variable, what),
                          line in own and cell.source.splitlines()[-1].strip() not in own, own[-400:])
                r = k.run(check_cell.source)
                out = text(r).strip()
                if line:
                    check("%s (%s): the verdict names the student's line" % (variable, what),
                          ("(실습 셀의 `%s`)" % line) in out, repr(out)[:400])
                check("%s (%s): the check cell gives a verdict, no error" % (variable, what), not errors(r), repr(errors(r))[:300])
                check("%s (%s): the verdict starts %r" % (variable, what, verdict[:40]), out.startswith(verdict), repr(out)[:400])
                if verdict.startswith("✗"):
                    check("%s (%s): the verdict has a hint" % (variable, what), "힌트:" in out, repr(out)[:300])
            solved_vars.add(variable)
            continue
        if "check" in tags:
            continue
        for marker, scenario in STALE.items():
            if marker in cell.source:
                stale_checkpoints(k, cell.source, scenario)
        r = k.run(cell.source, timeout=900)
        if errors(r):
            check("%s cell %d runs" % (os.path.basename(path), i), False, errors(r)[0][:300])


def main():
    os.environ.setdefault("COURSE_DATA_DIR", os.path.join(ROOT, "build", "test-data"))
    os.environ["COURSE_MODE"] = "quick"
    log_dir = tempfile.mkdtemp(prefix="mistakes-check-")
    solved = set()
    notebooks = {"06_challenges.ipynb": VARIANTS, "07_mnist_mlp.ipynb": VARIANTS, "20_project_exercises.ipynb": VARIANTS_20}
    chosen = [n for n in notebooks if not sys.argv[1:] or any(a in n for a in sys.argv[1:])]
    expected = set()
    for name in chosen:
        k = Kernel(os.path.join(log_dir, name + ".log"))
        try:
            run_notebook(k, os.path.join(ROOT, "notebooks", name), solved, notebooks[name])
            expected |= {v for v in notebooks[name] if re.search(r"\b%s\s*=" % v, open(os.path.join(ROOT, "notebooks", name), encoding="utf-8").read())}
            if name.startswith("07"):
                for what, code, line in MISTAKES:
                    r = k.run(code)
                    errs = errors(r)
                    first = errs[0].strip() if errs else ""
                    check("everyday mistake (%s): one Korean line" % what,
                          len(errs) == 1 and first.startswith(line) and "\n" not in first and "Exception" not in first,
                          repr(r["outs"])[:400])
                    r = k.run("1 + 1")
                    check("everyday mistake (%s): the next cell runs" % what, text(r).strip() == "2", repr(r["outs"])[:200])
        finally:
            k.close()
    check("every exercise was tried", solved == expected, "tried %s" % sorted(solved))
    failed = results.count(False)
    print("mistakes_check: %d passed, %d failed" % (results.count(True), failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

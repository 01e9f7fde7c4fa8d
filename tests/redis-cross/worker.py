"""One Python receiver for driver.py: verify every delivery ROUNDS times against the shared Redis."""

import json
import random
import sys
import time
from pathlib import Path

import hookseal


def main() -> None:
    spec, go, seed = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]), int(sys.argv[3])
    webhook = hookseal.Webhook(spec["secret"], key_mode="imagekit", replay_guard=hookseal.ReplayGuard.redis(spec["redis"]))
    order = list(range(len(spec["deliveries"]))) * spec["rounds"]
    random.Random(seed).shuffle(order)
    while not go.exists():
        time.sleep(0.001)
    counts = {"lang": "python", "accepted": 0, "replayed": 0, "other": {}}
    for i in order:
        d = spec["deliveries"][i]
        try:
            webhook.verify(d["body"], d["headers"], json_parse=False)
            counts["accepted"] += 1
        except hookseal.ReplayedError:
            counts["replayed"] += 1
        except hookseal.WebhookVerificationError as e:
            counts["other"][e.code] = counts["other"].get(e.code, 0) + 1
    print(json.dumps(counts))


if __name__ == "__main__":
    main()

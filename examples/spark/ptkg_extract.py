"""Extraction on a Spark cluster, loaded into one ptkg store afterwards.

    spark-submit examples/spark/ptkg_extract.py INPUT_DIR OUTPUT_DIR [PTKG]
    cat OUTPUT_DIR/part-* | ptkg add --from-jsonl -

Reads every .txt, .md, .html and .htm file under INPUT_DIR as raw bytes
(`binaryFiles`: Spark's `wholeTextFiles` would decode GB18030 files as
UTF-8 and ruin them), sends each as one JSON line `{"path", "base64"}`
through `ptkg extract --stdin --with-text --keep-going` (`rdd.pipe`, one
ptkg process per partition, which decodes the bytes exactly as it decodes
a file) and writes the records, one per line, as text files. PTKG is the
ptkg binary (default: `ptkg` on the PATH of every worker). A document ptkg
cannot read gives an error record in its place, which `add --from-jsonl`
reports. Paths are the files' paths without Spark's `file:` scheme, and the
parts hold the records in path order, so the store is the one `ptkg add
INPUT_DIR` builds from the same absolute path.
"""

import base64
import json
import sys

from pyspark.sql import SparkSession

EXTENSIONS = (".txt", ".md", ".html", ".htm")


def to_line(item):
    uri, data = item
    path = uri[len("file:"):] if uri.startswith("file:") else uri
    return json.dumps(
        {"path": path, "base64": base64.b64encode(data).decode("ascii")},
        ensure_ascii=False,
    )


def main():
    input_dir, output_dir = sys.argv[1], sys.argv[2]
    ptkg = sys.argv[3] if len(sys.argv) > 3 else "ptkg"
    spark = SparkSession.builder.appName("ptkg-extract").getOrCreate()
    sc = spark.sparkContext
    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true"
    )
    # In path order, as `ptkg add` reads a folder: the store's document
    # ids, and so which statement of a shared fact comes first, follow it.
    # At least one partition per core: one ptkg process each.
    files = sc.binaryFiles(input_dir, minPartitions=sc.defaultParallelism)
    files = files.filter(lambda item: item[0].lower().endswith(EXTENSIONS)).sortByKey(
        numPartitions=max(sc.defaultParallelism, files.getNumPartitions())
    )
    records = files.map(to_line).pipe(f"{ptkg} extract --stdin --with-text --keep-going")
    records.saveAsTextFile(output_dir)
    spark.stop()


if __name__ == "__main__":
    main()

package dev.hookseal

/** JSON name -> Kotlin property name, as the generated records spell them (the tests' one copy). */
internal fun propertyNameOf(json: String): String = when (json) {
    "type" -> "kind"
    "AITags" -> "aiTags"
    else -> json.split('_').mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar { it.uppercase() } }.joinToString("")
}

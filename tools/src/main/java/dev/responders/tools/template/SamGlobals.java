package dev.responders.tools.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM's Globals merge for functions: a function's own value wins for scalars and intrinsics, maps merge key by
 * key, lists are the global items followed by the function's.
 */
final class SamGlobals {

  private SamGlobals() {
  }

  /** The resource's properties; for an AWS::Serverless::Function, with Globals.Function merged in. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> functionProperties(Map<String, Object> document, Map<String, Object> resource) {
    Map<String, Object> own = TemplateValues.asMap(resource.get("Properties"));
    if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
      return own;
    }
    Map<String, Object> globals =
        TemplateValues.asMap(TemplateValues.asMap(document.get("Globals")).get("Function"));
    return (Map<String, Object>) merge(globals, own);
  }

  private static Object merge(Object global, Object own) {
    if (own == null) {
      return global;
    }
    if (global == null || TemplateValues.isIntrinsic(global) || TemplateValues.isIntrinsic(own)) {
      return own;
    }
    if (global instanceof Map<?, ?> globalMap && own instanceof Map<?, ?> ownMap) {
      Map<String, Object> merged = new LinkedHashMap<>();
      globalMap.forEach((key, value) -> merged.put((String) key, value));
      ownMap.forEach((key, value) -> merged.put((String) key, merge(globalMap.get(key), value)));
      return merged;
    }
    if (global instanceof List<?> globalList && own instanceof List<?> ownList) {
      List<Object> merged = new ArrayList<>(globalList);
      merged.addAll(ownList);
      return merged;
    }
    return own;
  }
}

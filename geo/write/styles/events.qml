<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" minScale="0" maxScale="0">
 <temporal enabled="1" mode="4" startField="date" endField="" accumulate="0" fixedDuration="0" durationUnit="d" durationField="" startExpression="to_datetime(&quot;date&quot;)" endExpression="to_datetime(coalesce(&quot;date_end&quot;, &quot;date&quot;)) + make_interval(days:=1)" limitMode="0">
  <fixedRange>
   <start></start>
   <end></end>
  </fixedRange>
 </temporal>
 <renderer-v2 type="categorizedSymbol" attr="actor" symbollevels="0" enableorderby="1" forceraster="0" referencescale="-1">
  <categories>
   <category render="true" symbol="0" value="regime" label="Regime"/>
   <category render="true" symbol="1" value="Russia" label="Russia"/>
   <category render="true" symbol="2" value="rebels" label="Rebels / opposition"/>
   <category render="true" symbol="3" value="HTS/jihadists" label="HTS / jihadists"/>
   <category render="true" symbol="4" value="IS" label="Islamic State"/>
   <category render="true" symbol="5" value="SDF/Kurdish forces" label="SDF / Kurdish forces"/>
   <category render="true" symbol="6" value="Turkey" label="Turkey and allied factions"/>
   <category render="true" symbol="7" value="coalition" label="US-led coalition"/>
   <category render="true" symbol="8" value="Iran/Hezbollah" label="Iran / Hezbollah"/>
   <category render="true" symbol="9" value="Israel" label="Israel"/>
   <category render="true" symbol="10" value="unknown" label="Unknown"/>
   <category render="true" symbol="11" value="" label="Other / not stated"/>
  </categories>
  <symbols>
   <symbol type="marker" name="0" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="213,94,0,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="1" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="136,34,85,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="2" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="0,158,115,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="3" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="86,180,233,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="230,230,230,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="4" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="0,0,0,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="230,230,230,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="5" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="240,228,66,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="6" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="0,114,178,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="7" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="230,159,0,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="8" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="153,153,51,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="9" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="51,34,136,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="10" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="187,187,187,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol type="marker" name="11" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="190,190,190,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <source-symbol>
   <symbol type="marker" name="0" alpha="0.85" clip_to_extent="1" force_rhr="0">
    <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
     <prop k="angle" v="0"/>
     <prop k="color" v="150,150,150,255"/>
     <prop k="horizontal_anchor_point" v="1"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="name" v="circle"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="35,35,35,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.2"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="scale_method" v="diameter"/>
     <prop k="size" v="2"/>
     <prop k="size_unit" v="MM"/>
     <prop k="vertical_anchor_point" v="1"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties" type="Map">
        <Option name="fillColor" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN '255,255,255,0' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineStyle" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 'dash' END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="outlineWidth" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value="CASE WHEN coalesce(&quot;geo_precision&quot;, 1) &gt;= 2 THEN 0.5 ELSE 0.2 END"/>
         <Option name="type" type="int" value="3"/>
        </Option>
        <Option name="size" type="Map">
         <Option name="active" type="bool" value="true"/>
         <Option name="expression" type="QString" value='CASE WHEN coalesce("cumulative", false) OR coalesce("is_total", false) THEN 1.6 ELSE min(8, 1.2 + 0.68 * sqrt(coalesce("killed", 0))) + 0.4 END'/>
         <Option name="type" type="int" value="3"/>
        </Option>
       </Option>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </source-symbol>
  <rotation/>
  <sizescale/>
  <orderby>
   <orderByClause asc="0" nullsFirst="1">coalesce("killed", 0)</orderByClause>
  </orderby>
 </renderer-v2>
 <labeling type="simple">
  <settings calloutType="simple">
   <text-style fieldName="CASE WHEN &quot;fid&quot; = minimum(&quot;fid&quot;, group_by:=&quot;place&quot;, filter:=coalesce(&quot;killed&quot;, -1) = maximum(coalesce(&quot;killed&quot;, -1), group_by:=&quot;place&quot;)) THEN &quot;place&quot; END" isExpression="1" fontFamily="Sans Serif" fontSize="7" fontSizeUnit="Point" fontWeight="50" fontItalic="0" namedStyle="Regular" textColor="30,30,30,255" textOpacity="1" multilineHeight="1" allowHtml="0" capitalization="0" blendMode="0" previewBkgrdColor="255,255,255,255" useSubstitutions="0">
    <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferJoinStyle="128" bufferNoFill="1" bufferBlendMode="0"/>
    <text-mask maskEnabled="0"/>
    <background shapeDraw="0"/>
    <shadow shadowDraw="0"/>
   </text-style>
   <text-format wrapChar="" multilineAlign="0" autoWrapLength="0" leftDirectionSymbol="&lt;" rightDirectionSymbol="&gt;" addDirectionSymbol="0" placeDirectionSymbol="0" reverseDirectionSymbol="0" formatNumbers="0" decimals="0" plussign="0" useMaxLineLengthForAutoWrap="1"/>
   <placement placement="6" dist="1" distUnits="MM" offsetType="0" quadOffset="4" xOffset="0" yOffset="0" offsetUnits="MM" priority="5" fitInPolygonOnly="0" centroidInside="1" centroidWhole="0" placementFlags="10" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" repeatDistance="0" overrunDistance="0" lineAnchorPercent="0.5" geometryGenerator="" geometryGeneratorEnabled="0" geometryGeneratorType="PointGeometry" layerType="PointGeometry" polygonPlacementFlags="2" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" rotationAngle="0"/>
   <rendering obstacle="1" obstacleFactor="1" obstacleType="1" scaleVisibility="1" scaleMin="1" scaleMax="1500000" fontLimitPixelSize="0" fontMinPixelSize="3" fontMaxPixelSize="10000" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" mergeLines="0" displayAll="0" upsidedownLabels="0" labelPerPart="0" drawLabels="1" zIndex="0" unplacedVisibility="0"/>
   <dd_properties>
    <Option type="Map">
     <Option name="name" type="QString" value=""/>
     <Option name="properties"/>
     <Option name="type" type="QString" value="collection"/>
    </Option>
   </dd_properties>
  </settings>
 </labeling>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
</qgis>
